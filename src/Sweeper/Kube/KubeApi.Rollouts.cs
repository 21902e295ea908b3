using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// The calls for Argo Rollouts, through KubernetesClient's custom-object API with the sweeper's own models
/// (<see cref="TemplatedObject"/>, as for a Deployment): read and patched whole like a Deployment read by the read route, the stopped ones
/// listed and watched by the <c>stopped</c> label, metadata only (<see cref="ListMetadataAsync"/>). Only made while <see cref="ServedApis"/> says the
/// cluster serves Rollouts (the stopped view) or a ReplicaSet names a Rollout as its controller (the stop).
/// </summary>
internal sealed partial class KubeApi
{
    private static readonly WorkloadKind Rollouts = WorkloadKind.Rollout;

    private async Task<WorkloadSnapshot> ReadRolloutAsync(WorkloadRef workload, CancellationToken cancellationToken)
    {
        using var response = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<TemplatedObject>(
            Rollouts.Group, Rollouts.Version, workload.Namespace, Rollouts.Plural, workload.Name, cancellationToken: cancellationToken);
        return TemplatedSnapshot(workload, response.Body);
    }

    private async Task<PatchOutcome> PatchRolloutAsync(WorkloadRef workload, V1Patch patch, CancellationToken cancellationToken)
    {
        using var response = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<TemplatedObject>(
            patch, Rollouts.Group, Rollouts.Version, workload.Namespace, Rollouts.Plural, workload.Name, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
        return new PatchOutcome.Applied(TemplatedSnapshot(workload, response.Body));
    }
}
