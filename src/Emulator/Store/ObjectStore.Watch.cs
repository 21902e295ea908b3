using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Tarnfui.Emulator.Store;

public sealed partial class ObjectStore
{
    private readonly StoreChange[] _history;
    private readonly List<StoreSubscription> _subscriptions = [];
    private int _historyStart;
    private int _historyCount;
    private long _compactedThrough;

    /// <summary>
    /// Subscribes to the changes of one type (or all, <paramref name="type"/> null), optionally in one namespace.
    /// With <paramref name="fromResourceVersion"/> the changes after it are replayed from the history first
    /// (410 Expired when they are no longer there); without it the current objects come first as ADDED, as a
    /// watch without resourceVersion does. Replay and live changes are joined under the write lock: no gap, no
    /// duplicate.
    /// </summary>
    /// <param name="type">The type watched; null: all.</param>
    /// <param name="ns">The namespace watched; null: all.</param>
    /// <param name="fromResourceVersion">Replay the changes after it; null or 0: the current objects first.</param>
    /// <param name="bookmarks">Whether the subscription takes bookmarks (<see cref="SendBookmarks"/>, <see cref="StoreSubscription.RequestBookmark"/>); only for one type.</param>
    public StoreSubscription Subscribe(ResourceType? type, string? ns = null, long? fromResourceVersion = null, bool bookmarks = false)
    {
        var subscription = new StoreSubscription(this, type, type is { Namespaced: false } ? null : ns, bookmarks && type is not null);
        lock (_gate)
        {
            if (fromResourceVersion is { } from && from > 0)
            {
                if (from < _compactedThrough)
                {
                    throw StatusException.Gone($"too old resource version: {from} ({_compactedThrough + 1})");
                }

                for (var i = 0; i < _historyCount; i++)
                {
                    var change = _history[(_historyStart + i) % _history.Length];
                    if (change.ResourceVersion > from && subscription.Wants(change))
                    {
                        subscription.Offer(change);
                    }
                }
            }
            else
            {
                foreach (var table in type is null ? _tables.Keys.ToList() : [type])
                {
                    foreach (var obj in _tables[table])
                    {
                        var change = new StoreChange(StoreChangeType.Added, obj);
                        if (subscription.Wants(change))
                        {
                            subscription.Offer(change);
                        }
                    }
                }
            }

            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    /// <summary>The changes of a type as an async stream, for in-process consumers such as the emulated controllers.</summary>
    public async IAsyncEnumerable<StoreChange> WatchAsync(ResourceType? type, string? ns = null, long? fromResourceVersion = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var subscription = Subscribe(type, ns, fromResourceVersion);
        await foreach (var change in subscription.Changes.ReadAllAsync(cancellationToken))
        {
            yield return change;
        }
    }

    /// <summary>
    /// Sends every subscription that takes bookmarks one now, as the watch cache does on its timer: a signal a test
    /// can give instead of waiting for the period.
    /// </summary>
    public void SendBookmarks()
    {
        lock (_gate)
        {
            foreach (var subscription in _subscriptions)
            {
                OfferBookmarkLocked(subscription);
            }
        }
    }

    // Under the write lock, so that the bookmark follows every change it claims and precedes every later one.
    internal void OfferBookmark(StoreSubscription subscription)
    {
        lock (_gate)
        {
            OfferBookmarkLocked(subscription);
        }
    }

    private void OfferBookmarkLocked(StoreSubscription subscription)
    {
        if (subscription.TakesBookmarks)
        {
            subscription.Offer(StoreChange.Bookmark(subscription.Type!, _resourceVersion));
        }
    }

    internal void Unsubscribe(StoreSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    // Called under _gate by every write: records the change, advances the counter, fans out without blocking.
    private void Commit(StoreChange change)
    {
        _resourceVersion = change.ResourceVersion;
        if (_historyCount == _history.Length)
        {
            _compactedThrough = _history[_historyStart].ResourceVersion;
            _history[_historyStart] = change;
            _historyStart = (_historyStart + 1) % _history.Length;
        }
        else
        {
            _history[(_historyStart + _historyCount) % _history.Length] = change;
            _historyCount++;
        }

        for (var i = _subscriptions.Count - 1; i >= 0; i--)
        {
            var subscription = _subscriptions[i];
            if (subscription.Wants(change) && !subscription.Offer(change))
            {
                _subscriptions.RemoveAt(i);
            }
        }
    }
}

/// <summary>A live feed of store changes; dispose it to stop receiving.</summary>
public sealed class StoreSubscription : IDisposable
{
    // A watcher this far behind is cut off (kube-apiserver drops watchers whose buffer fills), so that a stalled
    // client never makes a writer wait or the process grow without bound.
    private const int MaxBacklog = 200_000;
    private readonly ObjectStore _store;
    private readonly ResourceType? _type;
    private readonly string? _namespace;
    private readonly Channel<StoreChange> _channel = Channel.CreateUnbounded<StoreChange>();

    internal StoreSubscription(ObjectStore store, ResourceType? type, string? ns, bool bookmarks)
    {
        _store = store;
        _type = type;
        _namespace = ns;
        TakesBookmarks = bookmarks;
    }

    /// <summary>
    /// The changes, in resourceVersion order, with bookmarks among them when the subscription takes them. Completes
    /// with a 410 <see cref="StatusException"/> if the reader falls too far behind.
    /// </summary>
    public ChannelReader<StoreChange> Changes => _channel.Reader;

    internal ResourceType? Type => _type;

    internal bool TakesBookmarks { get; }

    /// <summary>Puts a bookmark in <see cref="Changes"/> carrying the store's resourceVersion now, after every change up to it.</summary>
    public void RequestBookmark() => _store.OfferBookmark(this);

    public void Dispose()
    {
        _store.Unsubscribe(this);
        _channel.Writer.TryComplete();
    }

    internal bool Wants(StoreChange change) =>
        (_type is null || change.Item.Type == _type) && (_namespace is null || change.Item.Namespace == _namespace);

    internal bool Offer(StoreChange change)
    {
        if (_channel.Reader.Count >= MaxBacklog)
        {
            _channel.Writer.TryComplete(StatusException.Gone("watch consumer fell too far behind; re-list and watch again"));
            return false;
        }

        return _channel.Writer.TryWrite(change);
    }
}
