using Tarnfui.Core;
using Tarnfui.Core.Keda;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// What the sweeper keeps of a KEDA ScaledObject: which workload it scales, its <c>paused-replicas</c>, its pause
/// record and its <c>stopped</c> label. A few hundred bytes, whatever its triggers and status hold.
/// </summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Uid">Its uid, which every write to it tests.</param>
/// <param name="ResourceVersion">The version read (the overlay of the sweeper's own writes keys on it).</param>
/// <param name="Target">The workload its <c>scaleTargetRef</c> names, or null for a kind Tarnfui does not stop through a count.</param>
/// <param name="Annotations">
/// Its <c>paused-replicas</c> and the record's annotations only (null: it has no annotations at all, so a pause adds the
/// whole map; empty: it has some, none of these).
/// </param>
/// <param name="Labels">Its <c>stopped</c> label only, with the same null/empty meaning.</param>
internal sealed record ScaledObjectSnapshot(
    string Namespace,
    string Name,
    string Uid,
    string ResourceVersion,
    WorkloadRef? Target,
    IReadOnlyDictionary<string, string>? Annotations,
    IReadOnlyDictionary<string, string>? Labels)
{
    /// <summary>Its <c>autoscaling.keda.sh/paused-replicas</c>, verbatim, or null.</summary>
    public string? PausedReplicas => Annotations?.GetValueOrDefault(WellKnown.Keda.PausedReplicas);

    /// <summary>Whether it carries Tarnfui's pause record (valid or not).</summary>
    public bool IsPausedByTarnfui => Annotations?.ContainsKey(WellKnown.Annotations.OriginalPausedReplicas) == true
        || Annotations?.ContainsKey(WellKnown.Annotations.OriginalReplicas) == true;

    /// <summary>Its record, read.</summary>
    public ParseResult<ScaledObjectRecord?> ReadRecord() => ScaledObjectRecord.Read(Annotations);

    /// <summary>The keys of a whole map the snapshot keeps, or null when the map is absent.</summary>
    public static IReadOnlyDictionary<string, string>? Keep(IDictionary<string, string>? map, IEnumerable<string> keys)
    {
        if (map is null)
        {
            return null;
        }

        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (map.TryGetValue(key, out var value))
            {
                kept[key] = value;
            }
        }

        return kept;
    }
}
