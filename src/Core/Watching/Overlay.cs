using System.Collections.Concurrent;

namespace Tarnfui.Core.Watching;

/// <summary>
/// A program's own writes, shown over its <see cref="Store{T}"/> until the store has caught up with them: the answer
/// of a write is known before its watch event arrives, and the next decision must not be made from the older item.
/// Each entry is the written item (null: the write took the object out of the watched set) and the resourceVersion the
/// server gave it. The reflector retires an entry when it applies that resourceVersion of the object or a newer one,
/// when its watch has passed that version (<see cref="ResourceVersions"/>), or when it completes a list begun after
/// the write.
/// </summary>
public sealed class Overlay<T>
    where T : class
{
    private readonly ConcurrentDictionary<ObjectKey, Written> _entries = new();
    private long _epoch;

    public bool IsEmpty => _entries.IsEmpty;

    public int Count => _entries.Count;

    /// <summary>True when the key has a write not yet caught up with; <paramref name="item"/> is null when the write took it out.</summary>
    public bool TryGet(ObjectKey key, out T? item)
    {
        var found = _entries.TryGetValue(key, out var written);
        item = written.Item;
        return found;
    }

    /// <summary>The written items still shown (those the writes took out are not).</summary>
    public IEnumerable<T> Items => _entries.Select(e => e.Value.Item).OfType<T>();

    // Increases with every write, so that a list knows which writes it began after.
    internal long Epoch => Interlocked.Read(ref _epoch);

    internal bool TryGetWritten(ObjectKey key, out Written written) => _entries.TryGetValue(key, out written);

    internal void Put(ObjectKey key, T? item, string? version) => _entries[key] = new(item, version, Interlocked.Increment(ref _epoch), key);

    /// <summary>Retires the key's entry when the store has applied <paramref name="version"/> of it, at least the written one (any version, for a write whose version is unknown).</summary>
    internal bool RetireAt(ObjectKey key, string? version) =>
        _entries.TryGetValue(key, out var written) && (written.Version is null || ResourceVersions.AtLeast(version, written.Version)) && _entries.TryRemove(new(key, written));

    internal void Remove(ObjectKey key) => _entries.TryRemove(key, out _);

    /// <summary>
    /// Retires every entry whose version the watch has <paramref name="reached"/>; <paramref name="takenOut"/> is told
    /// of each write that took its object out of the watched set.
    /// </summary>
    internal void RetireReached(string? reached, Action<ObjectKey, string> takenOut)
    {
        foreach (var (key, written) in _entries)
        {
            if (written.Version is { } version && ResourceVersions.AtLeast(reached, version) && _entries.TryRemove(new(key, written)) && written.Item is null)
            {
                takenOut(key, version);
            }
        }
    }

    /// <summary>Retires every entry written before <paramref name="epoch"/>: a list begun after them holds them or newer.</summary>
    internal void RetireBefore(long epoch)
    {
        foreach (var (key, written) in _entries)
        {
            if (written.Epoch <= epoch)
            {
                _entries.TryRemove(new(key, written));
            }
        }
    }

    // Key: the key as the program's write named it, which the store takes for the item when the watch brings it (the
    // program's instance of the name is kept anyway, by what it wrote from; the watch event's would be a second copy).
    internal readonly record struct Written(T? Item, string? Version, long Epoch, ObjectKey Key);
}
