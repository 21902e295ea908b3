using k8s;
using k8s.Models;
using Tarnfui.Core.Policy;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// The metadata-only LIST and WATCH of a workload kind, cluster-wide or in one namespace, with or without a label
/// selector: the stopped sets (the <c>stopped</c> label) and the owner views (every object of a kind read whole before
/// a stop); and the ReplicaSets that run, selected by a field selector on their count. One shape for every kind:
/// the path of a kind is <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}</c> whether it is built in or a custom
/// resource, so KubernetesClient's custom-object calls reach them all, and the
/// metadata Accept header makes the answer the same <see cref="MetadataObjectList"/> for each.
/// </summary>
internal sealed partial class KubeApi
{
    /// <summary>A page of the workloads of <paramref name="kind"/> that carry the <c>stopped</c> label in <paramref name="namespace"/> (null: all namespaces).</summary>
    public Task<MetadataPage> ListStoppedAsync(WorkloadKind kind, string? @namespace, string? continueToken, CancellationToken cancellationToken) =>
        ListMetadataAsync(kind, @namespace, StopMarks.Selector, continueToken, cancellationToken);

    /// <summary>
    /// Watches the workloads of <paramref name="kind"/> that carry the <c>stopped</c> label from
    /// <paramref name="resourceVersion"/>; <paramref name="connected"/> is called once the server has answered with
    /// the stream's headers (the client's retries are behind it), through <see cref="WatchSignals"/>.
    /// </summary>
    public IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)> WatchStoppedAsync(
        WorkloadKind kind, string? @namespace, string resourceVersion, Action connected, CancellationToken cancellationToken) =>
        WatchMetadataAsync(kind, @namespace, StopMarks.Selector, resourceVersion, connected, cancellationToken);

    /// <summary>A page of the workloads of <paramref name="kind"/> in <paramref name="namespace"/> (null: all) that <paramref name="labelSelector"/> selects (null: all of them).</summary>
    public Task<MetadataPage> ListMetadataAsync(WorkloadKind kind, string? @namespace, string? labelSelector, string? continueToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return ListSelectedAsync(new Resource(kind.Group, kind.Version, kind.Plural, labelSelector, null), @namespace, continueToken, cancellationToken);
    }

    /// <summary>Watches what <see cref="ListMetadataAsync"/> lists, from <paramref name="resourceVersion"/>; <paramref name="connected"/> as for <see cref="WatchStoppedAsync"/>.</summary>
    public IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)> WatchMetadataAsync(
        WorkloadKind kind, string? @namespace, string? labelSelector, string resourceVersion, Action connected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return WatchSelectedAsync(new Resource(kind.Group, kind.Version, kind.Plural, labelSelector, null), @namespace, resourceVersion, connected, cancellationToken);
    }

    /// <summary>A page of the ReplicaSets that run (<see cref="RunningReplicaSetsFieldSelector"/>) in <paramref name="namespace"/> (null: all namespaces).</summary>
    public Task<MetadataPage> ListRunningReplicaSetsAsync(string? @namespace, string? continueToken, CancellationToken cancellationToken) =>
        ListSelectedAsync(RunningReplicaSets, @namespace, continueToken, cancellationToken);

    /// <summary>
    /// Watches the ReplicaSets that run from <paramref name="resourceVersion"/>: one scaled down to zero leaves the
    /// selection (DELETED), one scaled up from it enters (ADDED); <paramref name="connected"/> as for <see cref="WatchStoppedAsync"/>.
    /// </summary>
    public IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)> WatchRunningReplicaSetsAsync(
        string? @namespace, string resourceVersion, Action connected, CancellationToken cancellationToken) =>
        WatchSelectedAsync(RunningReplicaSets, @namespace, resourceVersion, connected, cancellationToken);

    private Resource RunningReplicaSets => new("apps", "v1", "replicasets", null, RunningReplicaSetsFieldSelector);

    private async Task<MetadataPage> ListSelectedAsync(Resource resource, string? @namespace, string? continueToken, CancellationToken cancellationToken)
    {
        using var response = @namespace is null
            ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<MetadataObjectList>(
                resource.Group, resource.Version, resource.Plural, continueParameter: continueToken, fieldSelector: resource.FieldSelector,
                labelSelector: resource.LabelSelector, limit: _pageSize, customHeaders: MetadataList, cancellationToken: cancellationToken)
            : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<MetadataObjectList>(
                resource.Group, resource.Version, @namespace, resource.Plural, continueParameter: continueToken, fieldSelector: resource.FieldSelector,
                labelSelector: resource.LabelSelector, limit: _pageSize, customHeaders: MetadataList, cancellationToken: cancellationToken);
        return new MetadataPage([.. response.Body.Items.Select(item => item.Metadata)], response.Body.Metadata?.ContinueProperty, response.Body.Metadata?.ResourceVersion);
    }

    private async IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)> WatchSelectedAsync(
        Resource resource, string? @namespace, string resourceVersion, Action connected,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var listener = watchSignals.Listen(connected);
        var response = @namespace is null
            ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<MetadataObjectList>(
                resource.Group, resource.Version, resource.Plural, allowWatchBookmarks: true, fieldSelector: resource.FieldSelector, labelSelector: resource.LabelSelector,
                resourceVersion: resourceVersion, watch: true, customHeaders: WatchHeaders(listener), cancellationToken: cancellationToken)
            : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<MetadataObjectList>(
                resource.Group, resource.Version, @namespace, resource.Plural, allowWatchBookmarks: true, fieldSelector: resource.FieldSelector, labelSelector: resource.LabelSelector,
                resourceVersion: resourceVersion, watch: true, customHeaders: WatchHeaders(listener), cancellationToken: cancellationToken);
        connected();
#pragma warning disable CS0618 // the obsolete WatchAsync extension: see the class remarks
        await foreach (var (type, item) in Task.FromResult(response).WatchAsync<MetadataObject, MetadataObjectList>(EndWatch, cancellationToken))
#pragma warning restore CS0618
        {
            yield return (type, item.Metadata);
        }
    }

    // What a metadata-only list or watch selects: a resource under /apis/{group}/{version}, and its selectors.
    private sealed record Resource(string Group, string Version, string Plural, string? LabelSelector, string? FieldSelector);
}
