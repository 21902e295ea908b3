using System.Globalization;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Core.Autoscaling;

/// <summary>
/// What Tarnfui records on a HorizontalPodAutoscaler it bounded for the night: the bounds to put back, the count it
/// set both bounds to, and when. Kept on the HPA itself, like a workload's stop record, so any sweeper reads it.
/// </summary>
/// <param name="Original">The bounds the morning puts back; a null <see cref="AutoscalerBounds.MinReplicas"/> stays absent.</param>
/// <param name="Held">The count both bounds were set to; other bounds mean a person changed them.</param>
/// <param name="BoundedAt">When it was bounded; null when unreadable (informational only).</param>
public sealed record AutoscalerRecord(AutoscalerBounds Original, int Held, Instant? BoundedAt)
{
    private static string MinKey => WellKnown.Annotations.OriginalMinReplicas;

    private static string MaxKey => WellKnown.Annotations.OriginalMaxReplicas;

    private static string HeldKey => WellKnown.Annotations.HeldReplicas;

    /// <summary>
    /// Reads the record from an HPA's annotations: null when it carries none of the bound keys, an error naming the
    /// key and its value when one is there but the bounds to restore cannot be trusted (a key missing or not a count).
    /// </summary>
    public static ParseResult<AutoscalerRecord?> Read(IReadOnlyDictionary<string, string>? annotations)
    {
        string? min = null;
        string? max = null;
        string? held = null;
        string? at = null;
        annotations?.TryGetValue(MinKey, out min);
        annotations?.TryGetValue(MaxKey, out max);
        annotations?.TryGetValue(HeldKey, out held);
        annotations?.TryGetValue(WellKnown.Annotations.StoppedAt, out at);
        if (min is null && max is null)
        {
            // held-replicas and stopped-at alone are no bound record (a person may copy a workload's annotations).
            return ParseResult<AutoscalerRecord?>.Ok(null);
        }

        if (min is null || max is null || held is null)
        {
            var missing = min is null ? MinKey : max is null ? MaxKey : HeldKey;
            return ParseResult<AutoscalerRecord?>.Fail(
                $"{missing} is missing from Tarnfui's record on this HorizontalPodAutoscaler, so the bounds to restore are unknown; set it (e.g. {MinKey}: \"2\", {MaxKey}: \"5\", {HeldKey}: \"1\") or remove the record");
        }

        int? originalMin = null;
        if (min != WellKnown.Annotations.UnsetValue)
        {
            if (!AnnotationValues.ParseReplicas(MinKey, min).TryGetValue(out var parsedMin))
            {
                return ParseResult<AutoscalerRecord?>.Fail(AnnotationValues.ParseReplicas(MinKey, min).Error!
                    + $", or \"{WellKnown.Annotations.UnsetValue}\" for an HPA that had no minReplicas");
            }

            originalMin = parsedMin;
        }

        var originalMax = AnnotationValues.ParseReplicas(MaxKey, max);
        var heldCount = AnnotationValues.ParseReplicas(HeldKey, held);
        if (!originalMax.IsValid || !heldCount.IsValid)
        {
            return ParseResult<AutoscalerRecord?>.Fail(originalMax.Error ?? heldCount.Error!);
        }

        var bounds = new AutoscalerBounds(originalMin, originalMax.Value);
        return ParseResult<AutoscalerRecord?>.Ok(new AutoscalerRecord(bounds, heldCount.Value, StoppedState.ParseStoppedAt(at)));
    }

    /// <summary>The value of <see cref="WellKnown.Annotations.OriginalMinReplicas"/> for <paramref name="minReplicas"/>.</summary>
    public static string FormatMin(int? minReplicas) =>
        minReplicas is { } min ? FormatCount(min) : WellKnown.Annotations.UnsetValue;

    /// <summary>A count as the record writes it.</summary>
    public static string FormatCount(int replicas) => replicas.ToString(CultureInfo.InvariantCulture);
}
