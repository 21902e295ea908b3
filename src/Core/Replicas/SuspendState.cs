using Tarnfui.Core.StopRecord;

namespace Tarnfui.Core.Replicas;

/// <summary>
/// The record Tarnfui keeps on a workload it stopped through <c>spec.suspend</c> (a CronJob): the value to restore,
/// and when it stopped it.
/// </summary>
/// <param name="OriginalSuspend">The <c>spec.suspend</c> to restore.</param>
/// <param name="StoppedAt">When it was stopped; null when unreadable (informational only).</param>
public sealed record SuspendState(bool OriginalSuspend, NodaTime.Instant? StoppedAt)
{
    private const string True = "true";
    private const string False = "false";

    /// <summary>
    /// Reads the record from a workload's annotations and labels: null when it carries none, an error naming the key
    /// and the value when the value to restore cannot be trusted (missing, or not <c>"true"</c>/<c>"false"</c>).
    /// </summary>
    /// <remarks>As for <see cref="StoppedState.Read"/>: the record counts as present when <see cref="StopMarks.IsStopped"/> says so.</remarks>
    public static ParseResult<SuspendState?> Read(IReadOnlyDictionary<string, string>? annotations, IReadOnlyDictionary<string, string>? labels)
    {
        if (!StopMarks.IsStopped(annotations, labels))
        {
            return ParseResult<SuspendState?>.Ok(null);
        }

        string? original = null;
        string? stoppedAt = null;
        annotations?.TryGetValue(StopMarks.OriginalSuspend, out original);
        annotations?.TryGetValue(StopMarks.StoppedAt, out stoppedAt);
        return original switch
        {
            null => ParseResult<SuspendState?>.Fail(
                $"{StopMarks.StoppedLabel} is \"true\" but {StopMarks.OriginalSuspend} is missing, so the spec.suspend to restore is unknown; set it, e.g. {StopMarks.OriginalSuspend}: \"false\", or remove the label"),
            True or False => ParseResult<SuspendState?>.Ok(new SuspendState(original == True, StoppedState.ParseStoppedAt(stoppedAt))),
            _ => ParseResult<SuspendState?>.Fail(
                $"{StopMarks.OriginalSuspend} is \"{original}\", not \"true\" or \"false\", so the spec.suspend to restore is unknown; e.g. {StopMarks.OriginalSuspend}: \"false\""),
        };
    }

    /// <summary>The annotation value of <see cref="OriginalSuspend"/>.</summary>
    public static string Format(bool suspend) => suspend ? True : False;
}
