using Tarnfui.Core.Replicas;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// One instance of each kept map of Tarnfui keys (<see cref="SmallDictionary"/>) and of each kept metadata made of them
/// (<see cref="WorkloadMetadata"/>), as <see cref="SharedStrings"/> holds one of each short value. A stop sweep gives
/// every workload it stops the same few annotations with the same values (the counts, the stopped-at time of the
/// sweep), and the view of the stopped workloads keeps a map and a metadata record for each of them for as long as it
/// stays stopped: shared, they cost one instance per distinct content instead of one per workload. Both are read-only,
/// so sharing changes nothing but the memory. Bounded as <see cref="SharedStrings"/> is: once full the pool starts
/// over, and a map it no longer holds is still correct, only not shared.
/// </summary>
internal static class SharedMaps
{
    /// <summary>Maps with more entries than this are not pooled: rare, and comparing them costs.</summary>
    public const int MaxEntries = 8;

    private static readonly Dictionary<SmallDictionary, SmallDictionary> Maps = new(new SameEntries());
    private static readonly Dictionary<(SmallDictionary? Annotations, SmallDictionary? Labels), WorkloadMetadata> Metadata = [];
    private static readonly Lock Gate = new();

    /// <summary>The pool's instance of a map with the entries of <paramref name="map"/>, which becomes it when the pool has none.</summary>
    public static SmallDictionary Share(SmallDictionary map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.Count == 0 || map.Count > MaxEntries || map.Any(entry => entry.Value.Length > SharedStrings.MaxLength))
        {
            return map;
        }

        lock (Gate)
        {
            if (Maps.TryGetValue(map, out var shared))
            {
                return shared;
            }

            if (Maps.Count >= SharedStrings.Capacity)
            {
                Maps.Clear();
            }

            Maps.Add(map, map);
            return map;
        }
    }

    /// <summary>
    /// The pool's instance of the metadata made of these two maps (each as <see cref="Share(SmallDictionary)"/> gave
    /// it, so the same maps are the same instances), which a new one becomes when the pool has none.
    /// </summary>
    public static WorkloadMetadata Of(SmallDictionary? annotations, SmallDictionary? labels)
    {
        lock (Gate)
        {
            if (Metadata.TryGetValue((annotations, labels), out var shared))
            {
                return shared;
            }

            if (Metadata.Count >= SharedStrings.Capacity)
            {
                Metadata.Clear();
            }

            var metadata = new WorkloadMetadata(annotations, labels);
            Metadata.Add((annotations, labels), metadata);
            return metadata;
        }
    }

    // Two maps with the same keys and values, in any order (ordinal: keys and values are compared as the API server does).
    private sealed class SameEntries : IEqualityComparer<SmallDictionary>
    {
        public bool Equals(SmallDictionary? x, SmallDictionary? y) =>
            ReferenceEquals(x, y)
            || (x is not null && y is not null && x.Count == y.Count
                && x.All(entry => y.TryGetValue(entry.Key, out var value) && string.Equals(value, entry.Value, StringComparison.Ordinal)));

        public int GetHashCode(SmallDictionary obj)
        {
            // Order-independent: the sum of each entry's hash.
            var hash = 0;
            foreach (var (key, value) in obj)
            {
                hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), StringComparer.Ordinal.GetHashCode(value));
            }

            return hash;
        }
    }
}
