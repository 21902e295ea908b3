using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Core.Policy;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Core.Replicas;

/// <summary>The record Tarnfui keeps on a workload it stopped: the count to restore, the count it set, and when it stopped it.</summary>
/// <param name="OriginalReplicas">The count to restore.</param>
/// <param name="StoppedAt">When it was stopped; null when unreadable (informational only).</param>
/// <param name="HeldReplicas">The count the stop set; null on a record written before Tarnfui kept it.</param>
public sealed record StoppedState(int OriginalReplicas, Instant? StoppedAt, int? HeldReplicas = null)
{
    /// <summary>
    /// Reads the state from a workload's annotations and labels: null when the workload carries none of it, an
    /// error naming the key and the value when it carries some that cannot be trusted to restore from.
    /// </summary>
    /// <remarks>
    /// The state counts as present when <see cref="StopMarks.IsStopped"/> says so (the <c>stopped</c> label is
    /// <c>"true"</c> or <c>original-replicas</c> is set): every writer writes both, so either one alone means someone
    /// edited it, and guessing a count would be worse than leaving the workload alone. An unreadable <c>stopped-at</c> is only informational
    /// and reads as null rather than blocking a restore; so does an unreadable <c>held-replicas</c>, which makes the
    /// record read like one written before that key existed (the restore then compares with the downtime count).
    /// </remarks>
    public static ParseResult<StoppedState?> Read(IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels)
    {
        string? original = null;
        string? stoppedAt = null;
        string? held = null;
        annotations?.TryGetValue(WellKnown.Annotations.OriginalReplicas, out original);
        annotations?.TryGetValue(WellKnown.Annotations.StoppedAt, out stoppedAt);
        annotations?.TryGetValue(WellKnown.Annotations.HeldReplicas, out held);
        if (!StopMarks.IsStopped(annotations, labels))
        {
            return ParseResult<StoppedState?>.Ok(null);
        }

        if (original is null)
        {
            return ParseResult<StoppedState?>.Fail($"{WellKnown.Labels.Stopped} is \"true\" but {WellKnown.Annotations.OriginalReplicas} is missing, so the count to restore is unknown; set it, e.g. {WellKnown.Annotations.OriginalReplicas}: \"2\", or remove the label");
        }

        var replicas = AnnotationValues.ParseReplicas(WellKnown.Annotations.OriginalReplicas, original);
        if (!replicas.IsValid)
        {
            return ParseResult<StoppedState?>.Fail(replicas.Error);
        }

        return ParseResult<StoppedState?>.Ok(new StoppedState(replicas.Value, ParseStoppedAt(stoppedAt), ParseHeld(held)));
    }

    /// <summary>The annotation value of <see cref="OriginalReplicas"/>.</summary>
    public static string FormatReplicas(int replicas) => replicas.ToString(CultureInfo.InvariantCulture);

    private static int? ParseHeld(string? text) =>
        text is not null && AnnotationValues.ParseReplicas(WellKnown.Annotations.HeldReplicas, text).TryGetValue(out var held) ? held : null;

    /// <summary>The instant of <c>stopped-at</c>, or null when it is absent or unreadable (it is only informational).</summary>
    internal static Instant? ParseStoppedAt(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text.Trim());
        return parsed.Success ? parsed.Value.ToInstant() : null;
    }
}
