using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Core.StopRecord;

/// <summary>Whether the object a write applies to is sure to carry <c>spec.replicas</c>.</summary>
public enum ReplicasMember
{
    /// <summary>
    /// A stored object (the sweeper, the CLI): the API server has defaulted <c>spec.replicas</c>, so the count is
    /// written with <c>replace</c>, which fails rather than create it if that ever stopped being true.
    /// </summary>
    Stored,

    /// <summary>
    /// An object under admission (the webhook): <c>spec.replicas</c> may be absent and is defaulted to 1 only after
    /// mutating admission, so the count is written with <c>add</c>, which creates or replaces it.
    /// </summary>
    MayBeAbsent,
}

/// <summary>
/// The writes of the stop record as neutral <see cref="PatchOperation"/> lists: stop, restore, forget and
/// keep-intent, and the suspend and resume of a kind stopped through <c>spec.suspend</c>. Every writer of the record (the sweeper, the CLI, the webhook) builds its patch here, so the record
/// reads the same whoever wrote it; each list is applied as ONE request, so the count and its record change together.
/// </summary>
/// <remarks>
/// JSON Patch cannot add a key into a missing map nor remove a missing key: the writes look at the
/// annotations and labels read only to know which maps and keys exist.
/// </remarks>
public static class StopWrites
{
    // The stop record's label, the same in every write: kept once (a record's values are never changed after it is built).
    private static readonly KeyValuePair<string, string>[] StoppedLabelEntry = [new(StopMarks.StoppedLabel, StopMarks.StoppedLabelValue)];
    private static readonly PatchValue.Text StoppedLabelText = new(StopMarks.StoppedLabelValue);

    /// <summary>
    /// Stop: <c>spec.replicas</c> becomes <paramref name="downtimeReplicas"/>; <c>original-replicas</c> records
    /// <paramref name="currentReplicas"/>, <c>held-replicas</c> records <paramref name="downtimeReplicas"/>,
    /// <c>stopped-at</c> records <paramref name="now"/> and the <c>stopped</c> label is set.
    /// </summary>
    /// <remarks>A workload stopped again (raised while stopped) keeps the instant of its first stop.</remarks>
    public static List<PatchOperation> Stop(
        IReadOnlyDictionary<string, string>? annotations,
        IReadOnlyDictionary<string, string>? labels,
        int currentReplicas,
        int downtimeReplicas,
        Instant now,
        ReplicasMember replicas)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(currentReplicas);
        ArgumentOutOfRangeException.ThrowIfNegative(downtimeReplicas);
        var operations = new List<PatchOperation>(6)
        {
            new(replicas == ReplicasMember.Stored ? PatchOperationKind.Replace : PatchOperationKind.Add, PatchPaths.Replicas, new PatchValue.Number(downtimeReplicas)),
        };
        var keepsFirstStop = StopMarks.IsStopped(annotations, labels)
            && annotations?.TryGetValue(StopMarks.StoppedAt, out var at) == true && at is { Length: > 0 };
        var record = new KeyValuePair<string, string>[keepsFirstStop ? 2 : 3];
        record[0] = new(StopMarks.OriginalReplicas, StoppedState.FormatReplicas(currentReplicas));
        record[1] = new(StopMarks.HeldReplicas, StoppedState.FormatReplicas(downtimeReplicas));
        if (!keepsFirstStop)
        {
            record[2] = new(StopMarks.StoppedAt, AnnotationValues.FormatInstant(now));
        }

        AddEntries(operations, PatchPaths.AnnotationsMember, annotations is not null, record);
        AddEntries(operations, PatchPaths.LabelsMember, labels is not null, StoppedLabelEntry);
        return operations;
    }

    /// <summary>Restore: <c>spec.replicas</c> becomes <paramref name="originalReplicas"/> and the record is removed.</summary>
    public static List<PatchOperation> Restore(IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels, int originalReplicas)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(originalReplicas);
        var operations = new List<PatchOperation>(5) { new(PatchOperationKind.Replace, PatchPaths.Replicas, new PatchValue.Number(originalReplicas)) };
        AddRemovals(operations, annotations, labels);
        return operations;
    }

    /// <summary>
    /// Suspend, the stop of a kind held down through <c>spec.suspend</c> (a CronJob): <c>spec.suspend</c> becomes true;
    /// <c>original-suspend</c> records <paramref name="currentSuspend"/>, <c>stopped-at</c> records <paramref name="now"/>
    /// and the <c>stopped</c> label is set. No count: <c>downtime-replicas</c> does not apply to such a kind.
    /// </summary>
    /// <remarks>
    /// <c>add</c>, not <c>replace</c>: it writes <c>spec.suspend</c> whether or not the object carries it (kube-apiserver
    /// defaults it to false, so a stored CronJob does); what it must be is the caller's precondition to test.
    /// </remarks>
    public static List<PatchOperation> Suspend(IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels, bool currentSuspend, Instant now)
    {
        var operations = new List<PatchOperation>(5) { new(PatchOperationKind.Add, PatchPaths.Suspend, new PatchValue.Flag(true)) };
        AddEntries(operations, PatchPaths.AnnotationsMember, annotations is not null,
            [new(StopMarks.OriginalSuspend, SuspendState.Format(currentSuspend)), new(StopMarks.StoppedAt, AnnotationValues.FormatInstant(now))]);
        AddEntries(operations, PatchPaths.LabelsMember, labels is not null, StoppedLabelEntry);
        return operations;
    }

    /// <summary>Resume, the restore of a suspended kind: <c>spec.suspend</c> becomes <paramref name="originalSuspend"/> and the record is removed.</summary>
    public static List<PatchOperation> Resume(IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels, bool originalSuspend)
    {
        var operations = new List<PatchOperation>(5) { new(PatchOperationKind.Add, PatchPaths.Suspend, new PatchValue.Flag(originalSuspend)) };
        AddRemovals(operations, annotations, labels);
        return operations;
    }

    /// <summary>
    /// Forget: the record is removed and <c>spec.replicas</c> left as it is, for a workload whose count someone changed
    /// while it was stopped (their change wins) or that should no longer be restored. Removes every key of the record
    /// present, whatever its value (<see cref="StopMarks.HasAnyKey"/>).
    /// </summary>
    public static List<PatchOperation> Forget(IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels)
    {
        var operations = new List<PatchOperation>(4);
        AddRemovals(operations, annotations, labels);
        return operations;
    }

    /// <summary>
    /// Keep-intent: puts back the record an UPDATE dropped (a <c>kubectl replace</c> or a GitOps sync of a manifest
    /// that never had Tarnfui's keys) and leaves the replicas where they are: without it the workload would stay at its
    /// downtime count in the morning, because the restore finds its workloads by the label and restores the annotation.
    /// Empty when nothing was dropped, when the old object was not stopped with a readable count, or when the update
    /// also changes the replicas: a person who sets a count and drops the record takes the workload over.
    /// </summary>
    /// <param name="oldAnnotations">The stored object's annotations.</param>
    /// <param name="oldLabels">The stored object's labels.</param>
    /// <param name="oldReplicas">The stored object's <c>spec.replicas</c> (1 when absent).</param>
    /// <param name="newAnnotations">The updated object's annotations.</param>
    /// <param name="newLabels">The updated object's labels.</param>
    /// <param name="newReplicas">The updated object's <c>spec.replicas</c> (1 when absent).</param>
    /// <param name="originalReplicas">The count the record keeps, when it was kept; else 0.</param>
    public static List<PatchOperation> KeepIntent(
        IReadOnlyDictionary<string, string>? oldAnnotations,
        IReadOnlyDictionary<string, string>? oldLabels,
        int oldReplicas,
        IReadOnlyDictionary<string, string>? newAnnotations,
        IReadOnlyDictionary<string, string>? newLabels,
        int newReplicas,
        out int originalReplicas)
    {
        originalReplicas = 0;
        if (!StopMarks.IsStopped(oldAnnotations, oldLabels) || oldReplicas != newReplicas
            || oldAnnotations?.TryGetValue(StopMarks.OriginalReplicas, out var originalText) != true || originalText is null
            || !AnnotationValues.ParseReplicas(StopMarks.OriginalReplicas, originalText).TryGetValue(out originalReplicas))
        {
            return [];
        }

        var dropped = new List<KeyValuePair<string, string>>(StopMarks.Annotations.Count);
        foreach (var key in StopMarks.Annotations)
        {
            if (oldAnnotations.TryGetValue(key, out var value) && value is not null && newAnnotations?.ContainsKey(key) != true)
            {
                dropped.Add(new(key, value));
            }
        }

        var operations = new List<PatchOperation>(3);
        AddEntries(operations, PatchPaths.AnnotationsMember, newAnnotations is not null, dropped);
        if (!StopMarks.IsLabelled(newLabels))
        {
            AddEntries(operations, PatchPaths.LabelsMember, newLabels is not null, StoppedLabelEntry);
        }

        return operations;
    }

    // "add" into a missing map fails, so a missing map is added whole with its entries; "add" on a key replaces it.
    private static void AddEntries(List<PatchOperation> operations, string map, bool mapExists, IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var labels = string.Equals(map, PatchPaths.LabelsMember, StringComparison.Ordinal);
        if (!mapExists)
        {
            operations.Add(new(PatchOperationKind.Add, labels ? PatchPaths.Labels : PatchPaths.Annotations, new PatchValue.Map(entries)));
            return;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var (key, value) = entries[i];
            var text = ReferenceEquals(value, StopMarks.StoppedLabelValue) ? StoppedLabelText : new PatchValue.Text(value);
            operations.Add(new(PatchOperationKind.Add, labels ? PatchPaths.Label(key) : PatchPaths.Annotation(key), text));
        }
    }

    // "remove" of a missing key fails the whole patch, so only what the object carries is removed.
    private static void AddRemovals(List<PatchOperation> operations, IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var key in StopMarks.Annotations)
        {
            if (annotations?.ContainsKey(key) == true)
            {
                operations.Add(new(PatchOperationKind.Remove, PatchPaths.Annotation(key), null));
            }
        }

        if (labels?.ContainsKey(StopMarks.StoppedLabel) == true)
        {
            operations.Add(new(PatchOperationKind.Remove, PatchPaths.Label(StopMarks.StoppedLabel), null));
        }
    }
}
