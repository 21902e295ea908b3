using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Core.Autoscaling;

/// <summary>
/// The writes to a HorizontalPodAutoscaler as JSON Patch documents, each ONE request, so its bounds and their record
/// always change together. Each leads with <c>test</c> operations on what the decision read (the uid, the bounds, the
/// record), never on the resourceVersion: the HPA controller rewrites an HPA's status on every sync, which moves the
/// version without changing anything decided on.
/// </summary>
/// <remarks>
/// Send with content type <c>application/json-patch+json</c>. A member absent from an existing object tests as
/// <c>null</c> (kube-apiserver's JSON Patch library; see <see cref="Replicas.PatchPreconditions"/>).
/// </remarks>
public static class AutoscalerPatches
{
    /// <summary>
    /// Bound: both bounds become <paramref name="replicas"/>, and the record keeps <paramref name="current"/>, the
    /// count and <paramref name="now"/>. Tests that the bounds are still <paramref name="current"/> and that no record
    /// was written since (or, without annotations, that none were added: a whole map would replace them).
    /// </summary>
    public static JsonArray Bound(string uid, IReadOnlyDictionary<string, string>? annotations, AutoscalerBounds current, int replicas, Instant now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var operations = Tests(uid, current);
        operations.Add(annotations is null
            ? PatchOperation.Test(PatchValue.Absent, PatchPaths.Annotations)
            : PatchOperation.Test(PatchValue.Absent, PatchPaths.Annotation(WellKnown.Annotations.OriginalMaxReplicas)));
        operations.Add(PatchOperation.Add(new PatchValue.Number(replicas), PatchPaths.MinReplicas));
        operations.Add(PatchOperation.Replace(new PatchValue.Number(replicas), PatchPaths.MaxReplicas));
        List<KeyValuePair<string, string>> record =
        [
            new(WellKnown.Annotations.OriginalMinReplicas, AutoscalerRecord.FormatMin(current.MinReplicas)),
            new(WellKnown.Annotations.OriginalMaxReplicas, AutoscalerRecord.FormatCount(current.MaxReplicas)),
            new(WellKnown.Annotations.HeldReplicas, AutoscalerRecord.FormatCount(replicas)),
            new(WellKnown.Annotations.StoppedAt, AnnotationValues.FormatInstant(now)),
        ];
        if (annotations is null)
        {
            operations.Add(PatchOperation.Add(new PatchValue.Map(record), PatchPaths.Annotations));
        }
        else
        {
            operations.AddRange(record.Select(entry => PatchOperation.Add(new PatchValue.Text(entry.Value), PatchPaths.Annotation(entry.Key))));
        }

        return JsonPatchNodes.Of(operations);
    }

    /// <summary>
    /// Restore: the recorded bounds go back (a <c>minReplicas</c> that was absent is removed again) and the record is
    /// removed. Tests that both bounds are still the held count and the record as read.
    /// </summary>
    public static JsonArray Restore(string uid, IReadOnlyDictionary<string, string>? annotations, AutoscalerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var operations = Tests(uid, new AutoscalerBounds(record.Held, record.Held));
        AddRecordTests(operations, annotations);
        operations.Add(record.Original.MinReplicas is { } min
            ? PatchOperation.Replace(new PatchValue.Number(min), PatchPaths.MinReplicas)
            : PatchOperation.Remove(PatchPaths.MinReplicas));
        operations.Add(PatchOperation.Replace(new PatchValue.Number(record.Original.MaxReplicas), PatchPaths.MaxReplicas));
        AddRemovals(operations, annotations);
        return JsonPatchNodes.Of(operations);
    }

    /// <summary>
    /// Forget: the record is removed and the bounds a person set are kept. Tests the bounds and the record as read, so
    /// a change since is decided again.
    /// </summary>
    public static JsonArray Forget(string uid, IReadOnlyDictionary<string, string>? annotations, AutoscalerBounds current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var operations = Tests(uid, current);
        AddRecordTests(operations, annotations);
        AddRemovals(operations, annotations);
        return JsonPatchNodes.Of(operations);
    }

    private static List<PatchOperation> Tests(string uid, AutoscalerBounds bounds) =>
    [
        PatchOperation.Test(new PatchValue.Text(uid), PatchPaths.Uid),
        PatchOperation.Test(bounds.MinReplicas is { } min ? new PatchValue.Number(min) : PatchValue.Absent, PatchPaths.MinReplicas),
        PatchOperation.Test(new PatchValue.Number(bounds.MaxReplicas), PatchPaths.MaxReplicas),
    ];

    private static void AddRecordTests(List<PatchOperation> operations, IReadOnlyDictionary<string, string>? annotations)
    {
        foreach (var key in WellKnown.Annotations.AutoscalerState)
        {
            if (annotations?.TryGetValue(key, out var value) == true)
            {
                operations.Add(PatchOperation.Test(new PatchValue.Text(value), PatchPaths.Annotation(key)));
            }
        }
    }

    // "remove" of a missing key fails the whole patch, so only what the HPA carries is removed.
    private static void AddRemovals(List<PatchOperation> operations, IReadOnlyDictionary<string, string>? annotations)
    {
        foreach (var key in WellKnown.Annotations.AutoscalerState)
        {
            if (annotations?.ContainsKey(key) == true)
            {
                operations.Add(PatchOperation.Remove(PatchPaths.Annotation(key)));
            }
        }
    }
}
