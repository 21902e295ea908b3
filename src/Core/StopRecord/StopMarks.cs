namespace Tarnfui.Core.StopRecord;

/// <summary>
/// The keys of the stop record Tarnfui keeps on a workload it holds down, and the one rule that says whether a
/// workload carries one. The sweeper, the webhook and the CLI all ask here.
/// </summary>
/// <remarks>
/// <para>
/// The rule: a workload is stopped by Tarnfui when its <c>stopped</c> label is exactly <c>"true"</c> OR it carries
/// <c>original-replicas</c> (or, on a kind stopped through <c>spec.suspend</c>, <c>original-suspend</c>). Every
/// writer writes both together, so either one alone means someone edited the record:
/// it still counts as stopped, so that nothing treats a half-removed record as a workload of its own (the record
/// is then read as invalid when the count is missing, <see cref="Replicas.StoppedState.Read"/>). A label with any
/// other value (<c>"false"</c>) is not Tarnfui's mark, matching the <see cref="Selector"/> the restore lists with.
/// </para>
/// <para>
/// A key added to the record goes in <see cref="Annotations"/>, and the restore, the forget, the keep-intent and the
/// copy planner carry it: <see cref="OriginalSuspend"/> came that way.
/// </para>
/// </remarks>
public static class StopMarks
{
    /// <summary>The count to restore.</summary>
    public const string OriginalReplicas = WellKnown.Annotations.OriginalReplicas;

    /// <summary>The count the stop set.</summary>
    public const string HeldReplicas = WellKnown.Annotations.HeldReplicas;

    /// <summary>The <c>spec.suspend</c> value to restore, on a kind stopped through it (a CronJob).</summary>
    public const string OriginalSuspend = WellKnown.Annotations.OriginalSuspend;

    /// <summary>The instant of the first stop.</summary>
    public const string StoppedAt = WellKnown.Annotations.StoppedAt;

    /// <summary>The label the restore finds its workloads by.</summary>
    public const string StoppedLabel = WellKnown.Labels.Stopped;

    /// <summary>The value of <see cref="StoppedLabel"/> that marks a workload as stopped.</summary>
    public const string StoppedLabelValue = WellKnown.Labels.StoppedValue;

    /// <summary>The label selector of every stopped workload: <c>tarnfui.io/stopped=true</c>.</summary>
    public const string Selector = WellKnown.Labels.StoppedSelector;

    /// <summary>The annotations of the record, written by a stop and removed together by a restore or a forget.</summary>
    public static IReadOnlyList<string> Annotations => WellKnown.Annotations.State;

    /// <summary>THE predicate: whether the workload carries Tarnfui's stop record (see the remarks on the type).</summary>
    public static bool IsStopped(IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels) =>
        IsLabelled(labels) || annotations?.ContainsKey(OriginalReplicas) == true || annotations?.ContainsKey(OriginalSuspend) == true;

    /// <summary>Whether the labels carry <c>tarnfui.io/stopped=true</c>, as the <see cref="Selector"/> matches.</summary>
    public static bool IsLabelled(IReadOnlyDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(StoppedLabel, out var value) && string.Equals(value, StoppedLabelValue, StringComparison.Ordinal);

    /// <summary>
    /// Whether any key of the record is present, whatever its value: what a clean-up (<see cref="StopWrites.Forget"/>)
    /// has to remove. Wider than <see cref="IsStopped"/>: a leftover <c>stopped-at</c> is not a stop, but it is Tarnfui's.
    /// </summary>
    public static bool HasAnyKey(IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels)
    {
        if (labels?.ContainsKey(StoppedLabel) == true)
        {
            return true;
        }

        if (annotations is null)
        {
            return false;
        }

        foreach (var key in Annotations)
        {
            if (annotations.ContainsKey(key))
            {
                return true;
            }
        }

        return false;
    }
}
