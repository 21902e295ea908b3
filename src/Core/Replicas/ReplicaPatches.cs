using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Core.Replicas;

/// <summary>
/// The stop record's writes (<see cref="StopWrites"/>) as the sweeper and the CLI send them: on a stored object, behind
/// the <see cref="PatchPreconditions"/> the decision was made on, as a JSON Patch (RFC 6902) document applied as ONE
/// request on the main resource, so the count and its record always change together.
/// </summary>
/// <remarks>
/// Send the result with content type <c>application/json-patch+json</c> (KubernetesClient:
/// <c>new V1Patch(ops.ToJsonString(), V1Patch.PatchType.JsonPatch)</c>). Callers may append operations of
/// their own (the CLI's <c>wake</c> adds <c>exclude-until</c>) before sending.
/// </remarks>
public static class ReplicaPatches
{
    /// <summary>The preconditions' tests, then <see cref="StopWrites.Stop"/> on a stored object.</summary>
    public static JsonArray Stop(WorkloadMetadata metadata, int currentReplicas, int downtimeReplicas, Instant now, PatchPreconditions preconditions)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return Document(preconditions, StopWrites.Stop(metadata.Annotations, metadata.Labels, currentReplicas, downtimeReplicas, now, ReplicasMember.Stored));
    }

    /// <summary>The preconditions' tests, then <see cref="StopWrites.Restore"/>.</summary>
    public static JsonArray Restore(WorkloadMetadata metadata, int originalReplicas, PatchPreconditions preconditions)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return Document(preconditions, StopWrites.Restore(metadata.Annotations, metadata.Labels, originalReplicas));
    }

    /// <summary>The preconditions' tests, then <see cref="StopWrites.Forget"/>.</summary>
    public static JsonArray Forget(WorkloadMetadata metadata, PatchPreconditions preconditions)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return Document(preconditions, StopWrites.Forget(metadata.Annotations, metadata.Labels));
    }

    private static JsonArray Document(PatchPreconditions preconditions, List<PatchOperation> writes)
    {
        ArgumentNullException.ThrowIfNull(preconditions);
        return JsonPatchNodes.Append(JsonPatchNodes.Of(preconditions.Tests()), writes);
    }
}
