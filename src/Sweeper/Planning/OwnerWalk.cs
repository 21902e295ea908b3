using k8s.Models;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// Follows ownerReferences from a running pod to the workload Tarnfui scales: Pod → ReplicaSet → Deployment (or Rollout), or
/// Pod → a kind that controls its pods itself (StatefulSet, Job), as <see cref="WorkloadKind.PodsOwnedThrough"/> says.
/// Pure; the ReplicaSets' own controllers come from the <see cref="OwnerCache"/>.
/// </summary>
internal static class OwnerWalk
{
    public const string AppsV1 = "apps/v1";
    public const string ReplicaSet = "ReplicaSet";
    public const string StatefulSet = "StatefulSet";
    public const string Deployment = "Deployment";

    /// <summary>
    /// The controller of <paramref name="metadata"/> when it is an apps/v1 ReplicaSet or a <see cref="WorkloadKind"/>,
    /// else null. Only <c>controller: true</c> counts: other owners do not manage the replica count.
    /// </summary>
    public static OwnerRef? ControllerOf(V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.OwnerReferences is not { Count: > 0 } owners)
        {
            return null;
        }

        foreach (var owner in owners)
        {
            // kube-rs ObjectRef::from_owner_ref: apiVersion and kind must both match, or it is another API's type.
            if (owner.Controller == true
                && ((owner.Kind is ReplicaSet && string.Equals(owner.ApiVersion, AppsV1, StringComparison.Ordinal))
                    || WorkloadKind.FindByOwner(owner.ApiVersion, owner.Kind) is { ReachedFromPods: true }))
            {
                return new OwnerRef(owner.Kind, SharedStrings.Share(metadata.NamespaceProperty ?? ""), owner.Name, owner.Uid);
            }
        }

        return null;
    }

    /// <summary>Whether any ownerReference of the workload names a controller (of any API): an operator manages it.</summary>
    public static bool IsOperatorOwned(V1ObjectMeta metadata) =>
        metadata?.OwnerReferences?.Any(owner => owner.Controller == true) == true;

    /// <summary>
    /// The workload a pod belongs to, or null for DaemonSet, bare pods and ReplicaSets that no Deployment
    /// controls (or that the cache does not know).
    /// </summary>
    public static WorkloadRef? WorkloadOf(RunningPod pod, OwnerCache owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        return pod.Controller switch
        {
            { Kind: ReplicaSet } replicaSet => owners.Find(replicaSet),
            { } owner when DirectOwner(owner.Kind) is { } kind => new WorkloadRef(kind, owner.Namespace, owner.Name),
            _ => null,
        };
    }

    // The kind that controls its pods itself (StatefulSet, Job) named by a controller ControllerOf already matched on
    // apiVersion and kind: the kind alone tells them apart. A loop, not LINQ: asked once per running pod.
    private static WorkloadKind? DirectOwner(string kind)
    {
        foreach (var known in WorkloadKind.All)
        {
            if (known is { ReachedFromPods: true, PodsOwnedThrough: null } && string.Equals(known.Kind, kind, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>The workload that controls a ReplicaSet (a Deployment, a Rollout), read from the ReplicaSet's metadata.</summary>
    public static WorkloadRef? WorkloadOfReplicaSet(V1ObjectMeta replicaSet) =>
        ControllerOf(replicaSet) is { } owner && ThroughReplicaSets(owner.Kind) is { } kind
            ? new WorkloadRef(kind, owner.Namespace, owner.Name)
            : null;

    // The kind that owns its pods through ReplicaSets named by a controller ControllerOf already matched on apiVersion
    // and kind: the kind alone tells them apart.
    private static WorkloadKind? ThroughReplicaSets(string kind)
    {
        foreach (var known in WorkloadKind.All)
        {
            if (known is { ReachedFromPods: true, PodsOwnedThrough: ReplicaSet } && string.Equals(known.Kind, kind, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return null;
    }
}
