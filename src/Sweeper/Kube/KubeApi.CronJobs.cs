using k8s;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// The calls of the CronJob view: every CronJob, listed and watched whole, because <c>spec.suspend</c> is not in an
/// object's metadata, and read as <see cref="CronJobObject"/> (its metadata and <c>spec.suspend</c>). The view keeps only <see cref="CronJobSnapshot"/> of each, so the objects' size costs bytes on
/// the wire when they change, never memory.
/// </summary>
internal sealed partial class KubeApi
{
    private static readonly WorkloadKind CronJobs = WorkloadKind.CronJob;

    /// <summary>A page of every CronJob of <paramref name="namespace"/> (null: all namespaces).</summary>
    public async Task<CronJobPage> ListCronJobsAsync(string? @namespace, string? continueToken, CancellationToken cancellationToken)
    {
        using var response = @namespace is null
            ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<CronJobObjectList>(
                CronJobs.Group, CronJobs.Version, CronJobs.Plural, continueParameter: continueToken, limit: _pageSize, cancellationToken: cancellationToken)
            : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<CronJobObjectList>(
                CronJobs.Group, CronJobs.Version, @namespace, CronJobs.Plural, continueParameter: continueToken, limit: _pageSize, cancellationToken: cancellationToken);
        return new CronJobPage(response.Body.Items, response.Body.Metadata?.ContinueProperty, response.Body.Metadata?.ResourceVersion);
    }

    /// <summary>Watches every CronJob from <paramref name="resourceVersion"/>; <paramref name="connected"/> as for <see cref="WatchStoppedAsync"/>.</summary>
    public async IAsyncEnumerable<(WatchEventType Type, CronJobObject CronJob)> WatchCronJobsAsync(
        string? @namespace, string resourceVersion, Action connected, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var listener = watchSignals.Listen(connected);
        var headers = new Dictionary<string, IReadOnlyList<string>> { [WatchSignals.Header] = [listener.Id] };
        var response = @namespace is null
            ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<CronJobObjectList>(
                CronJobs.Group, CronJobs.Version, CronJobs.Plural, allowWatchBookmarks: true, resourceVersion: resourceVersion, watch: true, customHeaders: headers, cancellationToken: cancellationToken)
            : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<CronJobObjectList>(
                CronJobs.Group, CronJobs.Version, @namespace, CronJobs.Plural, allowWatchBookmarks: true, resourceVersion: resourceVersion, watch: true, customHeaders: headers, cancellationToken: cancellationToken);
        connected();
#pragma warning disable CS0618 // the obsolete WatchAsync extension: see the class remarks
        await foreach (var (type, item) in Task.FromResult(response).WatchAsync<CronJobObject, CronJobObjectList>(EndWatch, cancellationToken))
#pragma warning restore CS0618
        {
            yield return (type, item);
        }
    }

    /// <summary>What the sweeper keeps of a CronJob: its Tarnfui keys, its owner flag and <c>spec.suspend</c> (absent reads as false, its default).</summary>
    public static WorkloadSnapshot CronJobSnapshot(CronJobObject cronJob)
    {
        ArgumentNullException.ThrowIfNull(cronJob);
        var metadata = cronJob.Metadata;
        return Snapshot(new WorkloadRef(WorkloadKind.CronJob, SharedStrings.Share(metadata.NamespaceProperty ?? ""), metadata.Name), metadata)
            with
        { Suspend = cronJob.Spec?.Suspend ?? false };
    }

    /// <summary>One page of whole CronJobs.</summary>
    public sealed record CronJobPage(IList<CronJobObject> Items, string? Continue, string? ResourceVersion);
}
