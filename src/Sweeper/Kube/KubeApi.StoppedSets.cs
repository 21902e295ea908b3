using k8s;
using k8s.Models;
using Tarnfui.Core.Policy;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// The stopped sets' calls: the workloads of each kind that carry the <c>stopped</c> label, listed and watched as
/// metadata, cluster-wide or in one namespace.
/// </summary>
internal sealed partial class KubeApi
{
    /// <summary>A page of the workloads of <paramref name="kind"/> that carry the <c>stopped</c> label in <paramref name="namespace"/> (null: all namespaces).</summary>
    public async Task<MetadataPage> ListStoppedAsync(WorkloadKind kind, string? @namespace, string? continueToken, CancellationToken cancellationToken)
    {
        if (kind == WorkloadKind.Deployment)
        {
            using var response = @namespace is null
            ? await client.AppsV1.ListDeploymentForAllNamespacesWithHttpMessagesAsync(
                continueParameter: continueToken, labelSelector: StopMarks.Selector, limit: _pageSize, customHeaders: MetadataList, cancellationToken: cancellationToken)
            : await client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(@namespace, continueParameter: continueToken, labelSelector: StopMarks.Selector, limit: _pageSize, customHeaders: MetadataList, cancellationToken: cancellationToken);
            return new MetadataPage([.. response.Body.Items.Select(d => d.Metadata)], response.Body.Metadata?.ContinueProperty, response.Body.Metadata?.ResourceVersion);
        }

        if (kind == WorkloadKind.StatefulSet)
        {
            using var sets = @namespace is null
            ? await client.AppsV1.ListStatefulSetForAllNamespacesWithHttpMessagesAsync(
                continueParameter: continueToken, labelSelector: StopMarks.Selector, limit: _pageSize, customHeaders: MetadataList, cancellationToken: cancellationToken)
            : await client.AppsV1.ListNamespacedStatefulSetWithHttpMessagesAsync(@namespace, continueParameter: continueToken, labelSelector: StopMarks.Selector, limit: _pageSize, customHeaders: MetadataList, cancellationToken: cancellationToken);
            return new MetadataPage([.. sets.Body.Items.Select(d => d.Metadata)], sets.Body.Metadata?.ContinueProperty, sets.Body.Metadata?.ResourceVersion);
        }

        if (kind == WorkloadKind.Job)
        {
            return await ListStoppedJobsAsync(@namespace, continueToken, cancellationToken);
        }

        if (kind == WorkloadKind.Rollout)
        {
            return await ListStoppedRolloutsAsync(@namespace, continueToken, cancellationToken);
        }

        throw WorkloadKind.NotHandled(kind, nameof(ListStoppedAsync));
    }

    /// <summary>
    /// Watches the workloads of <paramref name="kind"/> that carry the <c>stopped</c> label from
    /// <paramref name="resourceVersion"/>; <paramref name="connected"/> is called once the server has answered with
    /// the stream's headers (the client's retries are behind it), through <see cref="WatchSignals"/>.
    /// </summary>
    public async IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)> WatchStoppedAsync(
        WorkloadKind kind, string? @namespace, string resourceVersion, Action connected, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var listener = watchSignals.Listen(connected);
        if (kind == WorkloadKind.Deployment)
        {
            var response = @namespace is null
            ? await client.AppsV1.ListDeploymentForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: true, labelSelector: StopMarks.Selector, resourceVersion: resourceVersion, watch: true, customHeaders: WatchHeaders(listener), cancellationToken: cancellationToken)
            : await client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(@namespace, allowWatchBookmarks: true, labelSelector: StopMarks.Selector, resourceVersion: resourceVersion, watch: true, customHeaders: WatchHeaders(listener), cancellationToken: cancellationToken);
            connected();
#pragma warning disable CS0618 // the obsolete WatchAsync extension: see the class remarks
            await foreach (var (type, item) in Task.FromResult(response).WatchAsync<V1Deployment, V1DeploymentList>(EndWatch, cancellationToken))
#pragma warning restore CS0618
            {
                yield return (type, item.Metadata);
            }

            yield break;
        }

        if (kind == WorkloadKind.Job || kind == WorkloadKind.Rollout)
        {
            var changes = kind == WorkloadKind.Job
                ? WatchStoppedJobsAsync(@namespace, resourceVersion, listener, connected, cancellationToken)
                : WatchStoppedRolloutsAsync(@namespace, resourceVersion, listener, connected, cancellationToken);
            await foreach (var change in changes)
            {
                yield return change;
            }

            yield break;
        }

        if (kind != WorkloadKind.StatefulSet)
        {
            throw WorkloadKind.NotHandled(kind, nameof(WatchStoppedAsync));
        }

        var sets = @namespace is null
            ? await client.AppsV1.ListStatefulSetForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: true, labelSelector: StopMarks.Selector, resourceVersion: resourceVersion, watch: true, customHeaders: WatchHeaders(listener), cancellationToken: cancellationToken)
            : await client.AppsV1.ListNamespacedStatefulSetWithHttpMessagesAsync(@namespace, allowWatchBookmarks: true, labelSelector: StopMarks.Selector, resourceVersion: resourceVersion, watch: true, customHeaders: WatchHeaders(listener), cancellationToken: cancellationToken);
        connected();
#pragma warning disable CS0618 // the obsolete WatchAsync extension: see the class remarks
        await foreach (var (type, item) in Task.FromResult(sets).WatchAsync<V1StatefulSet, V1StatefulSetList>(EndWatch, cancellationToken))
#pragma warning restore CS0618
        {
            yield return (type, item.Metadata);
        }
    }
}
