using System.Diagnostics.CodeAnalysis;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// A read-only map of a handful of entries (a workload's Tarnfui annotations and labels: seven keys at most) in one
/// array, looked up by a linear ordinal scan. It is what the view keeps per stopped workload for as long as it stays
/// stopped, so it costs one array where a <see cref="Dictionary{TKey, TValue}"/> costs buckets, entries and the
/// dictionary itself, and at this size the scan is as fast as hashing.
/// </summary>
internal sealed class SmallDictionary : IReadOnlyDictionary<string, string>
{
    /// <summary>The map of an object that has the map but no entry the sweeper keeps; shared, as it holds nothing.</summary>
    public static readonly SmallDictionary Empty = new([]);

    private readonly KeyValuePair<string, string>[] _entries;

    private SmallDictionary(KeyValuePair<string, string>[] entries) => _entries = entries;

    public int Count => _entries.Length;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<string> Values => _entries.Select(e => e.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    /// <summary>A map of <paramref name="entries"/> (distinct keys, as a map's are); <see cref="Empty"/> when there are none.</summary>
    public static SmallDictionary Of(IReadOnlyCollection<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Count == 0 ? Empty : new SmallDictionary([.. entries]);
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_entries).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
