using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Replicas;

/// <summary>
/// Builds the three writes Tarnfui makes to a workload's replica state as JSON Patch (RFC 6902) operations, each
/// applied as ONE request on the main resource, so the count and the record of it always change together: a crash
/// between two requests can never leave a stopped workload without the count to restore.
/// </summary>
/// <remarks>
/// Send the result with content type <c>application/json-patch+json</c> (KubernetesClient:
/// <c>new V1Patch(ops.ToJsonString(), V1Patch.PatchType.JsonPatch)</c>). Callers may append operations of
/// their own (the CLI's <c>wake</c> adds <c>exclude-until</c>) before sending.
/// </remarks>
public static class ReplicaPatches
{
    /// <summary>
    /// Stop: <c>spec.replicas</c> becomes <paramref name="downtimeReplicas"/>; <c>original-replicas</c> records
    /// <paramref name="currentReplicas"/>, <c>held-replicas</c> records <paramref name="downtimeReplicas"/>,
    /// <c>stopped-at</c> records <paramref name="now"/>, and the <c>stopped</c> label is set.
    /// </summary>
    /// <remarks>
    /// A workload stopped again (raised while it was stopped) keeps the instant of its first stop, as the webhook does.
    /// </remarks>
    public static JsonArray Stop(WorkloadMetadata metadata, int currentReplicas, int downtimeReplicas, Instant now, PatchPreconditions preconditions)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentOutOfRangeException.ThrowIfNegative(currentReplicas);
        ArgumentOutOfRangeException.ThrowIfNegative(downtimeReplicas);
        var ops = Tests(preconditions);

        // "add" into a missing map fails, so create the map first; "add" on an existing key replaces it.
        if (metadata.Annotations is null)
        {
            ops.Add(Op("add", JsonPointer.Annotations, new JsonObject()));
        }

        if (metadata.Labels is null)
        {
            ops.Add(Op("add", JsonPointer.Labels, new JsonObject()));
        }

        ops.Add(Op("replace", JsonPointer.Replicas, downtimeReplicas));
        ops.Add(Op("add", JsonPointer.Annotation(WellKnown.Annotations.OriginalReplicas), StoppedState.FormatReplicas(currentReplicas)));
        ops.Add(Op("add", JsonPointer.Annotation(WellKnown.Annotations.HeldReplicas), StoppedState.FormatReplicas(downtimeReplicas)));
        if (!(metadata.HasLabel(WellKnown.Labels.Stopped) && metadata.HasAnnotation(WellKnown.Annotations.StoppedAt)))
        {
            ops.Add(Op("add", JsonPointer.Annotation(WellKnown.Annotations.StoppedAt), AnnotationValues.FormatInstant(now)));
        }

        ops.Add(Op("add", JsonPointer.Label(WellKnown.Labels.Stopped), "true"));
        return ops;
    }

    /// <summary>Restore: <c>spec.replicas</c> becomes <paramref name="originalReplicas"/> and the state keys are removed.</summary>
    public static JsonArray Restore(WorkloadMetadata metadata, int originalReplicas, PatchPreconditions preconditions)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentOutOfRangeException.ThrowIfNegative(originalReplicas);
        var ops = Tests(preconditions);
        ops.Add(Op("replace", JsonPointer.Replicas, originalReplicas));
        AddRemovals(ops, metadata);
        return ops;
    }

    /// <summary>
    /// Forget: the state keys are removed and <c>spec.replicas</c> is left as it is, for a workload whose count
    /// someone changed while it was stopped (their change wins) or that should no longer be restored.
    /// </summary>
    public static JsonArray Forget(WorkloadMetadata metadata, PatchPreconditions preconditions)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var ops = Tests(preconditions);
        AddRemovals(ops, metadata);
        return ops;
    }

    // "remove" of a missing key fails the whole patch, so remove only what the object carries.
    private static void AddRemovals(JsonArray ops, WorkloadMetadata metadata)
    {
        foreach (var key in WellKnown.Annotations.State)
        {
            if (metadata.HasAnnotation(key))
            {
                ops.Add(Op("remove", JsonPointer.Annotation(key)));
            }
        }

        if (metadata.HasLabel(WellKnown.Labels.Stopped))
        {
            ops.Add(Op("remove", JsonPointer.Label(WellKnown.Labels.Stopped)));
        }
    }

    private static JsonArray Tests(PatchPreconditions preconditions)
    {
        ArgumentNullException.ThrowIfNull(preconditions);
        var ops = new JsonArray();
        if (preconditions.Uid is { } uid)
        {
            ops.Add(Op("test", JsonPointer.Uid, uid));
        }

        if (preconditions.ResourceVersion is { } resourceVersion)
        {
            ops.Add(Op("test", JsonPointer.ResourceVersion, resourceVersion));
        }

        if (preconditions.NoOwnerReferences)
        {
            ops.Add(Op("test", JsonPointer.OwnerReferences, null));
        }

        if (preconditions.Replicas is { } replicas)
        {
            ops.Add(Op("test", JsonPointer.Replicas, replicas));
        }

        foreach (var (key, value) in preconditions.Annotations)
        {
            ops.Add(Op("test", JsonPointer.Annotation(key), value));
        }

        foreach (var (key, value) in preconditions.Labels)
        {
            ops.Add(Op("test", JsonPointer.Label(key), value));
        }

        return ops;
    }

    // JsonNode, not JsonObject: JsonArray.Add<JsonObject> would be the generic overload, which wraps values by
    // reflection and is unfit for the native sweeper build; Add(JsonNode) is not.
    [SuppressMessage("Performance", "CA1859:Use concrete types when possible for improved performance", Justification = "Selects JsonArray.Add(JsonNode), see above.")]
    private static JsonNode Op(string op, string path) => new JsonObject { ["op"] = op, ["path"] = path };

    [SuppressMessage("Performance", "CA1859:Use concrete types when possible for improved performance", Justification = "Selects JsonArray.Add(JsonNode), see above.")]
    private static JsonNode Op(string op, string path, JsonNode? value) => new JsonObject { ["op"] = op, ["path"] = path, ["value"] = value };
}
