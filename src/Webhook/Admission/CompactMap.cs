using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// A read-only map of a JSON object's string entries in one array, in the order the reader met them: what the reader
/// keeps of an object's labels. A workload has a handful of labels, for which a Dictionary's buckets and entries take
/// several times the memory, allocated on every admission, and a lookup hashes the key where a few ordinal comparisons
/// find it.
/// </summary>
/// <remarks>
/// A key given twice keeps its first place and its last value, as a Dictionary filled by its indexer keeps them. Past
/// <see cref="MaxEntries"/> keys the reader builds a Dictionary instead (<see cref="Builder"/>).
/// </remarks>
internal sealed class CompactMap : IReadOnlyDictionary<string, string>
{
    /// <summary>The most entries kept in an array: each lookup compares keys one by one.</summary>
    public const int MaxEntries = 16;

    private readonly KeyValuePair<string, string>[] _entries;

    private CompactMap(KeyValuePair<string, string>[] entries) => _entries = entries;

    public int Count => _entries.Length;

    public IEnumerable<string> Keys => _entries.Select(entry => entry.Key);

    public IEnumerable<string> Values => _entries.Select(entry => entry.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no entry \"{key}\"");

    public bool ContainsKey(string key) => IndexOf(_entries, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(_entries, key);
        value = index >= 0 ? _entries[index].Value : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Where the key is among the entries, by ordinal comparison, or -1: for the map's lookups and the builder's.
    private static int IndexOf(ReadOnlySpan<KeyValuePair<string, string>> entries, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < entries.Length; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Gathers one object's entries in this thread's scratch array, then copies them into a map of their exact size:
    /// a <see cref="CompactMap"/>, or a Dictionary once there are more than <see cref="MaxEntries"/> keys. One object
    /// at a time per thread: the reader reads maps one after the other, never one within another.
    /// </summary>
    public ref struct Builder
    {
        [ThreadStatic]
        private static KeyValuePair<string, string>[]? t_scratch;

        private readonly KeyValuePair<string, string>[] _scratch;
        private int _count;
        private Dictionary<string, string>? _many;

        public Builder()
        {
            _scratch = t_scratch ??= new KeyValuePair<string, string>[MaxEntries];
        }

        public void Set(string key, string value)
        {
            if (_many is not null)
            {
                _many[key] = value;
                return;
            }

            var index = IndexOf(_scratch.AsSpan(0, _count), key);
            if (index >= 0)
            {
                _scratch[index] = new(key, value);
                return;
            }

            if (_count < MaxEntries)
            {
                _scratch[_count++] = new(key, value);
                return;
            }

            _many = new Dictionary<string, string>(2 * MaxEntries);
            foreach (var (k, v) in _scratch.AsSpan(0, _count))
            {
                _many[k] = v;
            }

            _many[key] = value;
        }

        /// <summary>The map of the entries set; the scratch array is cleared for the next object.</summary>
        public IReadOnlyDictionary<string, string> ToMap()
        {
            IReadOnlyDictionary<string, string> map = _many is not null ? _many : new CompactMap(_scratch.AsSpan(0, _count).ToArray());
            _scratch.AsSpan(0, _count).Clear();
            return map;
        }
    }
}
