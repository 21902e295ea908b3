using System.Globalization;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// What the sweeper knows of a Deployment without reading it: the deployment controller keeps on the current
/// ReplicaSet a copy of the Deployment's annotations, its revision and its <c>spec.replicas</c>
/// (<c>deployment.kubernetes.io/desired-replicas</c>), and the ReplicaSet's ownerReference names the Deployment and
/// its UID. The copy can be behind (the controller has not synced yet, or the ReplicaSet is an old one mid-rollout)
/// and keeps annotations removed from the Deployment (the controller only adds and overwrites), so a stop planned
/// from it carries JSON Patch tests of every value it read.
/// </summary>
/// <param name="Deployment">The Deployment.</param>
/// <param name="Uid">The Deployment's UID, from the ownerReference.</param>
/// <param name="Revision">The rollout revision the copy belongs to, or null when the source has none.</param>
/// <param name="Replicas">The Deployment's <c>spec.replicas</c> as the copy says.</param>
/// <param name="Annotations">The Deployment's Tarnfui annotations as the copy says: the only ones a decision or its tests read.</param>
internal sealed record ReplicaSetCopy(WorkloadRef Deployment, ObjectUid Uid, string? Revision, int Replicas, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>
    /// True when the copy was replaced by the Deployment itself (read after a failed or doubtful fast path): its
    /// annotations are then exactly the Deployment's, with no key left over from an older value.
    /// </summary>
    public bool Exact { get; init; }

    /// <summary>When <see cref="Exact"/>: whether the Deployment's own ownerReferences name a controller.</summary>
    public bool OperatorOwned { get; init; }

    /// <summary>When <see cref="Exact"/>: the resourceVersion read, for Events and once-per-version warnings.</summary>
    public string ResourceVersion { get; init; } = "";

    /// <summary>
    /// Reads the copy on a ReplicaSet's metadata; null when the ReplicaSet is not controlled by a Deployment or lacks
    /// the revision or desired-replicas annotations (not written by the deployment controller): such a Deployment is
    /// decided by reading it. <paramref name="known"/>, when it names the same Deployment, is the instance the copy
    /// holds, so that copies of one Deployment share one.
    /// </summary>
    public static ReplicaSetCopy? Read(V1ObjectMeta replicaSet, WorkloadRef? known = null)
    {
        ArgumentNullException.ThrowIfNull(replicaSet);
        if (OwnerWalk.ControllerOf(replicaSet) is not { Kind: OwnerWalk.Deployment } owner || string.IsNullOrEmpty(owner.Uid)
            || replicaSet.Annotations is not { } annotations
            || !annotations.TryGetValue(WellKnown.DeploymentAnnotations.Revision, out var revision)
            || !annotations.TryGetValue(WellKnown.DeploymentAnnotations.DesiredReplicas, out var desired)
            || !int.TryParse(desired, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas))
        {
            return null;
        }

        // The cache holds one copy per running ReplicaSet for as long as it runs: only the keys decisions read.
        var deployment = new WorkloadRef(WorkloadKind.Deployment, owner.Namespace, owner.Name);
        return new ReplicaSetCopy(deployment == known ? known : deployment, owner.Uid, SharedStrings.Share(revision), replicas,
            DecisiveMetadata.Annotations(annotations)!);
    }

    /// <summary>The Deployment as it was just read in full: an exact copy, until the entry ages out or its ReplicaSet's copy moves.</summary>
    public static ReplicaSetCopy Of(WorkloadSnapshot deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        string? revision = null;
        deployment.Metadata.Annotations?.TryGetValue(WellKnown.DeploymentAnnotations.Revision, out revision);
        return new ReplicaSetCopy(
            deployment.Ref,
            deployment.Uid,
            revision,
            deployment.Replicas ?? 1,
            DecisiveMetadata.Annotations(deployment.Metadata.Annotations) ?? SmallDictionary.Empty)
        {
            Exact = true,
            OperatorOwned = deployment.OperatorOwned,
            ResourceVersion = deployment.ResourceVersion,
        };
    }

    /// <summary>
    /// Whether two copies say the same of their Deployment (the same object, revision, count and kept annotations): the
    /// deployment controller has copied nothing onto the ReplicaSet between them.
    /// </summary>
    public static bool Same(ReplicaSetCopy? a, ReplicaSetCopy? b) =>
        ReferenceEquals(a, b)
        || (a is not null && b is not null && a.Deployment == b.Deployment && a.Uid == b.Uid && a.Exact == b.Exact
            && string.Equals(a.Revision, b.Revision, StringComparison.Ordinal) && a.Replicas == b.Replicas
            && a.Annotations.Count == b.Annotations.Count
            && a.Annotations.All(entry => b.Annotations.TryGetValue(entry.Key, out var value) && string.Equals(value, entry.Value, StringComparison.Ordinal)));

    /// <summary>Whether the copy carries any annotation that can change a decision (and might be a leftover).</summary>
    public bool HasDecisiveAnnotations => Annotations.Keys.Any(k => WellKnown.Annotations.Decisive.Contains(k) || KubeDownscalerMapping.IsKubeDownscalerKey(k));
}
