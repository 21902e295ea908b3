using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Core.Keda;

/// <summary>
/// The writes to a KEDA ScaledObject as JSON Patch documents, each ONE request, so its pause and the pause's record
/// always change together. Each leads with <c>test</c> operations on what the decision read (the uid,
/// <c>paused-replicas</c>, the record), never on the resourceVersion: KEDA rewrites a ScaledObject's status on every
/// reconcile, which moves the version without changing anything decided on.
/// </summary>
/// <remarks>
/// <c>annotations</c> and <c>labels</c> in each method are the ScaledObject's maps as read (null:
/// it has none, so the patch adds a whole map, tested absent first). Send with content type
/// <c>application/json-patch+json</c>. A member absent from an existing object tests as <c>null</c> (kube-apiserver's
/// JSON Patch library; see <see cref="Replicas.PatchPreconditions"/>).
/// </remarks>
public static class ScaledObjectPatches
{
    private static string PausedKey => WellKnown.Keda.PausedReplicas;

    /// <summary>
    /// Pause: <c>paused-replicas</c> becomes <paramref name="replicas"/>; the record keeps the target's
    /// <paramref name="targetReplicas"/>, <paramref name="replicas"/>, the value a person had set and
    /// <paramref name="now"/>; the <c>stopped</c> label is set. Tests that <c>paused-replicas</c> is still what was read
    /// and that no record was written since.
    /// </summary>
    public static JsonArray Pause(
        string uid, IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels, int replicas, int targetReplicas, Instant now)
    {
        string? pausedNow = null;
        annotations?.TryGetValue(PausedKey, out pausedNow);
        List<PatchOperation> operations = [PatchOperation.Test(new PatchValue.Text(uid), PatchPaths.Uid)];
        List<KeyValuePair<string, string>> written =
        [
            new(PausedKey, ScaledObjectRules.Format(replicas)),
            new(WellKnown.Annotations.OriginalReplicas, ScaledObjectRules.Format(targetReplicas)),
            new(WellKnown.Annotations.HeldReplicas, ScaledObjectRules.Format(replicas)),
            new(WellKnown.Annotations.OriginalPausedReplicas, ScaledObjectRecord.FormatPerson(pausedNow)),
            new(WellKnown.Annotations.StoppedAt, AnnotationValues.FormatInstant(now)),
        ];
        if (annotations is null)
        {
            operations.Add(PatchOperation.Test(PatchValue.Absent, PatchPaths.Annotations));
            operations.Add(PatchOperation.Add(new PatchValue.Map(written), PatchPaths.Annotations));
        }
        else
        {
            operations.Add(PatchOperation.Test(PatchValue.TextOrAbsent(pausedNow), PatchPaths.Annotation(PausedKey)));
            foreach (var key in WellKnown.Annotations.ScaledObjectState)
            {
                operations.Add(PatchOperation.Test(PatchValue.Absent, PatchPaths.Annotation(key)));
            }

            operations.AddRange(written.Select(entry => PatchOperation.Add(new PatchValue.Text(entry.Value), PatchPaths.Annotation(entry.Key))));
        }

        operations.Add(labels is null
            ? PatchOperation.Add(new PatchValue.Map([new(WellKnown.Labels.Stopped, WellKnown.Labels.StoppedValue)]), PatchPaths.Labels)
            : PatchOperation.Add(new PatchValue.Text(WellKnown.Labels.StoppedValue), PatchPaths.Label(WellKnown.Labels.Stopped)));
        return JsonPatchNodes.Of(operations);
    }

    /// <summary>
    /// Resume: <c>paused-replicas</c> goes back to the value a person had set, or is removed, and the record and label
    /// are removed. Tests that it is still paused at the recorded count and the record as read. The target's
    /// <c>/scale</c> is written before this (see <c>ScaledObjectPass</c> in the sweeper).
    /// </summary>
    public static JsonArray Resume(string uid, IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels, ScaledObjectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        List<PatchOperation> operations =
        [
            PatchOperation.Test(new PatchValue.Text(uid), PatchPaths.Uid),
            PatchOperation.Test(new PatchValue.Text(ScaledObjectRules.Format(record.Paused)), PatchPaths.Annotation(PausedKey)),
        ];
        AddRecordTests(operations, annotations);
        operations.Add(record.PersonPaused is { } person
            ? PatchOperation.Replace(new PatchValue.Text(person), PatchPaths.Annotation(PausedKey))
            : PatchOperation.Remove(PatchPaths.Annotation(PausedKey)));
        AddRemovals(operations, annotations, labels);
        return JsonPatchNodes.Of(operations);
    }

    /// <summary>
    /// Forget: the record and label are removed and the <c>paused-replicas</c> a person set (or removed) is kept. Tests
    /// it and the record as read, so a change since is decided again.
    /// </summary>
    public static JsonArray Forget(string uid, IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels)
    {
        string? pausedNow = null;
        annotations?.TryGetValue(PausedKey, out pausedNow);
        List<PatchOperation> operations =
        [
            PatchOperation.Test(new PatchValue.Text(uid), PatchPaths.Uid),
            PatchOperation.Test(PatchValue.TextOrAbsent(pausedNow), PatchPaths.Annotation(PausedKey)),
        ];
        AddRecordTests(operations, annotations);
        AddRemovals(operations, annotations, labels);
        return JsonPatchNodes.Of(operations);
    }

    private static void AddRecordTests(List<PatchOperation> operations, IReadOnlyDictionary<string, string>? annotations)
    {
        foreach (var key in WellKnown.Annotations.ScaledObjectState)
        {
            if (annotations?.TryGetValue(key, out var value) == true)
            {
                operations.Add(PatchOperation.Test(new PatchValue.Text(value), PatchPaths.Annotation(key)));
            }
        }
    }

    // "remove" of a missing key fails the whole patch, so only what the ScaledObject carries is removed.
    private static void AddRemovals(List<PatchOperation> operations, IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var key in WellKnown.Annotations.ScaledObjectState)
        {
            if (annotations?.ContainsKey(key) == true)
            {
                operations.Add(PatchOperation.Remove(PatchPaths.Annotation(key)));
            }
        }

        if (labels?.ContainsKey(WellKnown.Labels.Stopped) == true)
        {
            operations.Add(PatchOperation.Remove(PatchPaths.Label(WellKnown.Labels.Stopped)));
        }
    }
}
