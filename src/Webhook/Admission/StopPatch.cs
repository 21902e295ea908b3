using System.Globalization;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The operations that hold a workload down with its stop record, written explicitly (never by diffing
/// serialised objects): the same keys the sweeper writes, so the morning restore cannot tell who stopped it.
/// </summary>
public static class StopPatch
{
    /// <summary>Replicas to <paramref name="downtimeReplicas"/>, <c>original-replicas</c>, <c>held-replicas</c>, <c>stopped-at</c> and the <c>stopped</c> label.</summary>
    public static IReadOnlyList<PatchOperation> Stop(ObjectMetadata metadata, int requested, int downtimeReplicas, Instant now)
    {
        ArgumentNullException.ThrowIfNull(metadata);

        // A workload stopped before keeps the instant of its first stop; a new intent only changes the count.
        var stoppedAt = IsStopped(metadata) && metadata.Annotations!.TryGetValue(WellKnown.Annotations.StoppedAt, out var at) && at is { Length: > 0 }
            ? at
            : AnnotationValues.FormatInstant(now);
        var operations = new List<PatchOperation>(6) { PatchOperation.Add(new PatchValue.Number(downtimeReplicas), "spec", "replicas") };
        AddEntries(operations, "annotations", metadata.Annotations, [
            new(WellKnown.Annotations.OriginalReplicas, requested.ToString(CultureInfo.InvariantCulture)),
            new(WellKnown.Annotations.HeldReplicas, downtimeReplicas.ToString(CultureInfo.InvariantCulture)),
            new(WellKnown.Annotations.StoppedAt, stoppedAt),
        ]);
        AddEntries(operations, "labels", metadata.Labels, [new(WellKnown.Labels.Stopped, "true")]);
        return operations;
    }

    /// <summary>
    /// Puts back the stop record an UPDATE dropped (a <c>kubectl replace</c> or a GitOps sync of a manifest that
    /// never had Tarnfui's keys) while leaving the replicas where they were: without it, the workload would stay
    /// at zero in the morning because the restore finds its workloads by the label and restores the annotation.
    /// Empty when nothing was dropped, when the workload was not stopped by Tarnfui, or when the update also
    /// changes the replicas: a person who sets a count and drops the record takes the workload over.
    /// </summary>
    public static IReadOnlyList<PatchOperation> KeepState(KubeObject? oldObject, KubeObject? newObject, out int originalReplicas)
    {
        originalReplicas = 0;
        var old = oldObject?.Metadata;
        var updated = newObject?.Metadata;
        if (old is null || updated is null || !IsStopped(old) || (oldObject!.Spec?.Replicas ?? 1) != (newObject!.Spec?.Replicas ?? 1)
            || !old.Annotations!.TryGetValue(WellKnown.Annotations.OriginalReplicas, out var originalText)
            || !AnnotationValues.ParseReplicas(WellKnown.Annotations.OriginalReplicas, originalText ?? string.Empty).TryGetValue(out originalReplicas))
        {
            return [];
        }

        var annotations = new List<KeyValuePair<string, string>>(WellKnown.Annotations.State.Count);
        foreach (var key in WellKnown.Annotations.State)
        {
            if (old.Annotations.TryGetValue(key, out var value) && value is not null && updated.Annotations?.ContainsKey(key) != true)
            {
                annotations.Add(new(key, value));
            }
        }

        var labels = updated.Labels?.ContainsKey(WellKnown.Labels.Stopped) == true
            ? []
            : new List<KeyValuePair<string, string>> { new(WellKnown.Labels.Stopped, "true") };
        var operations = new List<PatchOperation>(3);
        AddEntries(operations, "annotations", updated.Annotations, annotations);
        AddEntries(operations, "labels", updated.Labels, labels);
        return operations;
    }

    /// <summary>Whether the metadata carries Tarnfui's <c>stopped</c> label.</summary>
    public static bool IsStopped(ObjectMetadata metadata) =>
        metadata.Labels?.TryGetValue(WellKnown.Labels.Stopped, out var value) == true
        && string.Equals(value, "true", StringComparison.Ordinal)
        && metadata.Annotations is not null;

    // JSON Patch cannot add a key to a map that does not exist: add the whole map when it is absent.
    private static void AddEntries(List<PatchOperation> operations, string map, Dictionary<string, string>? existing, List<KeyValuePair<string, string>> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        if (existing is null)
        {
            operations.Add(PatchOperation.Add(new PatchValue.Map(entries), "metadata", map));
            return;
        }

        foreach (var (key, value) in entries)
        {
            operations.Add(PatchOperation.Add(new PatchValue.Text(value), "metadata", map, key));
        }
    }
}
