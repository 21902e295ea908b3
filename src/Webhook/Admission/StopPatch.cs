using NodaTime;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The stop record's writes (<see cref="StopWrites"/>) on an object under admission: the same record the sweeper
/// writes, so the morning restore cannot tell who stopped it.
/// </summary>
internal static class StopPatch
{
    /// <summary><see cref="StopWrites.Stop"/> with <c>add</c> for the count: <c>spec.replicas</c> may be absent before defaulting.</summary>
    public static IReadOnlyList<PatchOperation> Stop(ObjectMetadata metadata, int requested, int downtimeReplicas, Instant now)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return StopWrites.Stop(metadata.Annotations, metadata.Labels, requested, downtimeReplicas, now, ReplicasMember.MayBeAbsent);
    }

    /// <summary><see cref="StopWrites.KeepIntent"/> of an UPDATE; an absent <c>spec.replicas</c> counts as the 1 it defaults to.</summary>
    public static IReadOnlyList<PatchOperation> KeepState(KubeObject? oldObject, KubeObject? newObject, out int originalReplicas)
    {
        originalReplicas = 0;
        if (oldObject?.Metadata is not { } old || newObject?.Metadata is not { } updated)
        {
            return [];
        }

        return StopWrites.KeepIntent(
            old.Annotations, old.Labels, oldObject.Spec?.Replicas ?? 1, updated.Annotations, updated.Labels, newObject.Spec?.Replicas ?? 1, out originalReplicas);
    }

    /// <summary>Whether the object carries Tarnfui's stop record: <see cref="StopMarks.IsStopped"/>.</summary>
    public static bool IsStopped(ObjectMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return StopMarks.IsStopped(metadata.Annotations, metadata.Labels);
    }
}
