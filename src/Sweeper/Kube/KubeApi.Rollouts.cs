using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.StopRecord;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// The calls for Argo Rollouts, through KubernetesClient's custom-object API with the sweeper's own models
/// (<see cref="RolloutObject"/>): read and patched whole like a Deployment read by the read route, the stopped ones
/// listed and watched by the <c>stopped</c> label, metadata only. Only made while <see cref="ServedApis"/> says the
/// cluster serves Rollouts (the stopped view) or a ReplicaSet names a Rollout as its controller (the stop).
/// </summary>
internal sealed partial class KubeApi
{
    private static readonly WorkloadKind Rollouts = WorkloadKind.Rollout;

    private async Task<WorkloadSnapshot> ReadRolloutAsync(WorkloadRef workload, CancellationToken cancellationToken)
    {
        using var response = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<RolloutObject>(
            Rollouts.Group, Rollouts.Version, workload.Namespace, Rollouts.Plural, workload.Name, cancellationToken: cancellationToken);
        return RolloutSnapshot(workload, response.Body);
    }

    private async Task<PatchOutcome> PatchRolloutAsync(WorkloadRef workload, V1Patch patch, CancellationToken cancellationToken)
    {
        using var response = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<RolloutObject>(
            patch, Rollouts.Group, Rollouts.Version, workload.Namespace, Rollouts.Plural, workload.Name, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
        return new PatchOutcome.Applied(RolloutSnapshot(workload, response.Body));
    }

    private async Task<MetadataPage> ListStoppedRolloutsAsync(string? @namespace, string? continueToken, CancellationToken cancellationToken)
    {
        using var response = @namespace is null
            ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<RolloutList>(
                Rollouts.Group, Rollouts.Version, Rollouts.Plural, continueParameter: continueToken, labelSelector: StopMarks.Selector, limit: _pageSize,
                customHeaders: MetadataList, cancellationToken: cancellationToken)
            : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<RolloutList>(
                Rollouts.Group, Rollouts.Version, @namespace, Rollouts.Plural, continueParameter: continueToken, labelSelector: StopMarks.Selector, limit: _pageSize,
                customHeaders: MetadataList, cancellationToken: cancellationToken);
        return new MetadataPage([.. response.Body.Items.Select(r => r.Metadata)], response.Body.Metadata?.ContinueProperty, response.Body.Metadata?.ResourceVersion);
    }

    private async IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)> WatchStoppedRolloutsAsync(
        string? @namespace, string resourceVersion, WatchSignals.Listener listener, Action connected, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var response = @namespace is null
            ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<RolloutList>(
                Rollouts.Group, Rollouts.Version, Rollouts.Plural, allowWatchBookmarks: true, labelSelector: StopMarks.Selector, resourceVersion: resourceVersion, watch: true,
                customHeaders: WatchHeaders(listener), cancellationToken: cancellationToken)
            : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<RolloutList>(
                Rollouts.Group, Rollouts.Version, @namespace, Rollouts.Plural, allowWatchBookmarks: true, labelSelector: StopMarks.Selector, resourceVersion: resourceVersion, watch: true,
                customHeaders: WatchHeaders(listener), cancellationToken: cancellationToken);
        connected();
#pragma warning disable CS0618 // the obsolete WatchAsync extension: see the class remarks
        await foreach (var (type, item) in Task.FromResult(response).WatchAsync<RolloutObject, RolloutList>(EndWatch, cancellationToken))
#pragma warning restore CS0618
        {
            yield return (type, item.Metadata);
        }
    }

    private static WorkloadSnapshot RolloutSnapshot(WorkloadRef workload, RolloutObject rollout) =>
        Snapshot(workload, rollout.Metadata, rollout.Spec?.Replicas ?? 1, rollout.Spec?.Template);
}
