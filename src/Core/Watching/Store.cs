using System.Collections.Concurrent;

namespace Tarnfui.Core.Watching;

/// <summary>
/// What a <see cref="Reflector{TRaw, T}"/> knows of a resource, each item as kept by its transform, with the
/// resourceVersion it was kept at. One writer, the reflector, applying its watcher's events (its write methods are
/// internal); any number of lock-free readers.
/// </summary>
public sealed class Store<T>
    where T : class
{
    private volatile ConcurrentDictionary<ObjectKey, Entry> _items = new();
    private volatile bool _synced;

    /// <summary>True once a full list has been stored (it stays true while later lists are made).</summary>
    public bool HasSynced => _synced;

    public int Count => _items.Count;

    /// <summary>The kept items, enumerated in place (<c>Values</c> would copy them all under every lock).</summary>
    public IEnumerable<T> Items => _items.Select(entry => entry.Value.Item);

    public T? Get(ObjectKey key) => _items.TryGetValue(key, out var entry) ? entry.Item : null;

    public bool Contains(ObjectKey key) => _items.ContainsKey(key);

    /// <summary>The resourceVersion the key's item was stored at, or null when it is not stored.</summary>
    public string? VersionOf(ObjectKey key) => _items.TryGetValue(key, out var entry) ? entry.Version : null;

    internal IEnumerable<KeyValuePair<ObjectKey, Entry>> Entries => _items;

    internal static ConcurrentDictionary<ObjectKey, Entry> NewContent() => new();

    internal void Put(ObjectKey key, T item, string? version) => _items[key] = new(item, version);

    internal void Remove(ObjectKey key) => _items.TryRemove(key, out _);

    internal void Replace(ConcurrentDictionary<ObjectKey, Entry> items)
    {
        _items = items;
        _synced = true;
    }

    internal readonly record struct Entry(T Item, string? Version);
}
