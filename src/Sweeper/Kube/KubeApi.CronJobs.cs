using k8s;
using k8s.Models;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// The calls of the CronJob view: every CronJob, listed and watched whole, because <c>spec.suspend</c> is not in an
/// object's metadata. The view keeps only <see cref="CronJobSnapshot"/> of each, so the objects' size costs bytes on
/// the wire when they change, never memory.
/// </summary>
internal sealed partial class KubeApi
{
    /// <summary>A page of every CronJob of <paramref name="namespace"/> (null: all namespaces).</summary>
    public async Task<CronJobPage> ListCronJobsAsync(string? @namespace, string? continueToken, CancellationToken cancellationToken)
    {
        using var response = @namespace is null
            ? await client.BatchV1.ListCronJobForAllNamespacesWithHttpMessagesAsync(
            continueParameter: continueToken, limit: _pageSize, cancellationToken: cancellationToken)
            : await client.BatchV1.ListNamespacedCronJobWithHttpMessagesAsync(@namespace, continueParameter: continueToken, limit: _pageSize, cancellationToken: cancellationToken);
        return new CronJobPage(response.Body.Items, response.Body.Metadata?.ContinueProperty, response.Body.Metadata?.ResourceVersion);
    }

    /// <summary>Watches every CronJob from <paramref name="resourceVersion"/>; <paramref name="connected"/> as for <see cref="WatchStoppedAsync"/>.</summary>
    public async IAsyncEnumerable<(WatchEventType Type, V1CronJob CronJob)> WatchCronJobsAsync(
        string? @namespace, string resourceVersion, Action connected, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var listener = watchSignals.Listen(connected);
        var response = @namespace is null
            ? await client.BatchV1.ListCronJobForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: true, resourceVersion: resourceVersion, watch: true,
            customHeaders: new Dictionary<string, IReadOnlyList<string>> { [WatchSignals.Header] = [listener.Id] }, cancellationToken: cancellationToken)
            : await client.BatchV1.ListNamespacedCronJobWithHttpMessagesAsync(@namespace, allowWatchBookmarks: true, resourceVersion: resourceVersion, watch: true,
            customHeaders: new Dictionary<string, IReadOnlyList<string>> { [WatchSignals.Header] = [listener.Id] }, cancellationToken: cancellationToken);
        connected();
#pragma warning disable CS0618 // the obsolete WatchAsync extension: see the class remarks
        await foreach (var (type, item) in Task.FromResult(response).WatchAsync<V1CronJob, V1CronJobList>(EndWatch, cancellationToken))
#pragma warning restore CS0618
        {
            yield return (type, item);
        }
    }

    /// <summary>What the sweeper keeps of a CronJob: its Tarnfui keys, its owner flag and <c>spec.suspend</c> (absent reads as false, its default).</summary>
    public static WorkloadSnapshot CronJobSnapshot(V1CronJob cronJob)
    {
        ArgumentNullException.ThrowIfNull(cronJob);
        var metadata = cronJob.Metadata;
        return Snapshot(new WorkloadRef(WorkloadKind.CronJob, SharedStrings.Share(metadata.NamespaceProperty ?? ""), metadata.Name), metadata)
            with
        { Suspend = cronJob.Spec?.Suspend ?? false };
    }

    /// <summary>One page of whole CronJobs.</summary>
    public sealed record CronJobPage(IList<V1CronJob> Items, string? Continue, string? ResourceVersion);
}
