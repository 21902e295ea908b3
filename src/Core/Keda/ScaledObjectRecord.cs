using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Core.Keda;

/// <summary>
/// What Tarnfui records on a KEDA ScaledObject it paused for the night, in the same patch as the pause: the count its
/// target had (what the morning puts back), the count it paused at (another value by the morning means a person
/// changed it), and the paused count a person had set before, if any (what the morning leaves in place of the pause).
/// </summary>
/// <param name="TargetReplicas">The target's replica count when it was paused: the morning sets the target's <c>/scale</c> back to it.</param>
/// <param name="Paused">The <c>autoscaling.keda.sh/paused-replicas</c> count Tarnfui set.</param>
/// <param name="PersonPaused">The <c>paused-replicas</c> value a person had set, verbatim, or null when there was none.</param>
/// <param name="PausedAt">When it was paused; null when unreadable (informational only).</param>
public sealed record ScaledObjectRecord(int TargetReplicas, int Paused, string? PersonPaused, Instant? PausedAt)
{
    private static string TargetKey => WellKnown.Annotations.OriginalReplicas;

    private static string PausedKey => WellKnown.Annotations.HeldReplicas;

    private static string PersonKey => WellKnown.Annotations.OriginalPausedReplicas;

    /// <summary>
    /// Reads the record from a ScaledObject's annotations: null when it carries none of its keys, an error naming the
    /// key when one is there but what the morning puts back cannot be trusted (a key missing or not a count).
    /// </summary>
    public static ParseResult<ScaledObjectRecord?> Read(IReadOnlyDictionary<string, string>? annotations)
    {
        string? target = null;
        string? paused = null;
        string? person = null;
        string? at = null;
        annotations?.TryGetValue(TargetKey, out target);
        annotations?.TryGetValue(PausedKey, out paused);
        annotations?.TryGetValue(PersonKey, out person);
        annotations?.TryGetValue(WellKnown.Annotations.StoppedAt, out at);
        if (target is null && paused is null && person is null)
        {
            // stopped-at alone is no pause record: nothing to put back.
            return ParseResult<ScaledObjectRecord?>.Ok(null);
        }

        if (target is null || paused is null || person is null)
        {
            var missing = target is null ? TargetKey : paused is null ? PausedKey : PersonKey;
            return ParseResult<ScaledObjectRecord?>.Fail(
                $"{missing} is missing from Tarnfui's record on this ScaledObject, so what the morning puts back is unknown; set it (e.g. {TargetKey}: \"3\", {PausedKey}: \"0\", {PersonKey}: \"{WellKnown.Annotations.UnsetValue}\") or remove the record");
        }

        var targetCount = AnnotationValues.ParseReplicas(TargetKey, target);
        var pausedCount = AnnotationValues.ParseReplicas(PausedKey, paused);
        if (!targetCount.IsValid || !pausedCount.IsValid)
        {
            return ParseResult<ScaledObjectRecord?>.Fail(targetCount.Error ?? pausedCount.Error!);
        }

        var personValue = person == WellKnown.Annotations.UnsetValue ? null : person;
        return ParseResult<ScaledObjectRecord?>.Ok(new ScaledObjectRecord(targetCount.Value, pausedCount.Value, personValue, StoppedState.ParseStoppedAt(at)));
    }

    /// <summary>The value of <see cref="WellKnown.Annotations.OriginalPausedReplicas"/> for a person's paused count (null: none).</summary>
    public static string FormatPerson(string? personPaused) => personPaused ?? WellKnown.Annotations.UnsetValue;
}
