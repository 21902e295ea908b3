using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// A running ReplicaSet as the sweeper's watch of them last brought it: its UID, the workload that controls it (a
/// Deployment, an Argo Rollout; null: none Tarnfui scales) and, for a Deployment's, the copy of the Deployment the
/// deployment controller keeps on it (null: none usable). What the <see cref="OwnerCache"/> decides from while the
/// watch holds the ReplicaSet.
/// </summary>
internal sealed record WatchedReplicaSet(ObjectUid Uid, WorkloadRef? Workload, ReplicaSetCopy? Copy)
{
    /// <summary>
    /// Whether the copy says its Deployment is held down by Tarnfui at zero: no replicas wanted, and the stop's record
    /// (<c>tarnfui.io/original-replicas</c>) on it. Such a ReplicaSet runs only until its pods are gone. A restore sets
    /// a count other than zero, which the controller copies; the record the copy keeps after it (the controller never
    /// removes an annotation) then no longer counts.
    /// </summary>
    public bool HeldAtZero => Copy is { Replicas: 0 } copy && copy.Annotations.ContainsKey(WellKnown.Annotations.OriginalReplicas);

    /// <summary>
    /// What the watch keeps of a ReplicaSet's metadata; <paramref name="kept"/> (what it kept of the same ReplicaSet
    /// before) when nothing of that changed: most events of a running ReplicaSet are its status moving.
    /// </summary>
    public static WatchedReplicaSet Of(V1ObjectMeta metadata, WatchedReplicaSet? kept)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var copy = ReplicaSetCopy.Read(metadata, kept?.Workload);
        var workload = OwnerWalk.WorkloadOfReplicaSet(metadata);

        // The copy names the same Deployment: one instance of its name for both, held for as long as the ReplicaSet runs,
        // across the versions the watch brings (the stop's own write gives each ReplicaSet a new one or two): the
        // instance kept before, which the owner cache and the sweep's write hold too.
        var shared = kept?.Workload is { } known && known == workload ? known : copy is not null && copy.Deployment == workload ? copy.Deployment : workload;
        var watched = new WatchedReplicaSet(ObjectUid.Of(metadata.Uid ?? ""), shared, copy);
        return kept is not null && kept.Uid == watched.Uid && kept.Workload == watched.Workload && ReplicaSetCopy.Same(kept.Copy, watched.Copy) ? kept : watched;
    }
}
