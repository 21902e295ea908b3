using Tarnfui.Core;
using Tarnfui.Core.Autoscaling;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// What the sweeper keeps of a HorizontalPodAutoscaler: which workload it scales, its bounds and its bound record.
/// A few hundred bytes, whatever its metrics and status hold.
/// </summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Uid">Its uid, which every write to it tests.</param>
/// <param name="ResourceVersion">The version read (the overlay of the sweeper's own writes keys on it).</param>
/// <param name="Target">The workload its <c>scaleTargetRef</c> names, or null for a kind Tarnfui does not stop.</param>
/// <param name="Bounds">Its <c>spec.minReplicas</c> and <c>spec.maxReplicas</c>.</param>
/// <param name="Record">Its bound record's annotations only (<see cref="WellKnown.Annotations.AutoscalerState"/>), or null without any.</param>
internal sealed record AutoscalerSnapshot(
    string Namespace,
    string Name,
    string Uid,
    string ResourceVersion,
    WorkloadRef? Target,
    AutoscalerBounds Bounds,
    IReadOnlyDictionary<string, string>? Record)
{
    /// <summary>The HPA's record, read.</summary>
    public ParseResult<AutoscalerRecord?> ReadRecord() => AutoscalerRecord.Read(Record);

    /// <summary>The record's annotations of a whole annotation map, or null when it has none of them.</summary>
    public static IReadOnlyDictionary<string, string>? RecordOf(IDictionary<string, string>? annotations)
    {
        if (annotations is null)
        {
            return null;
        }

        Dictionary<string, string>? kept = null;
        foreach (var key in WellKnown.Annotations.AutoscalerState)
        {
            if (annotations.TryGetValue(key, out var value))
            {
                (kept ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;
            }
        }

        // A non-null empty map says "it has annotations, none of them ours": a bound must test a key, not add the map.
        return kept ?? (IReadOnlyDictionary<string, string>)Empty;
    }

    private static readonly Dictionary<string, string> Empty = new(StringComparer.Ordinal);
}
