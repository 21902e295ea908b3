using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Watching;

/// <summary>
/// A metadata-only cache of one LIST, kept current by a WATCH from the list's resourceVersion (client-go's
/// reflector): listed once, then each change costs one event instead of a re-list per sweep. A watch that ends
/// normally resumes from the last resourceVersion seen. The cache is trusted only while its watch is known to be
/// current: connected, and heard from (an event or a bookmark) within the stale bound. A watch that is down —
/// ended by 410 Gone or an error, reconnecting through the client's retries, or silent past the bound — makes the
/// next <see cref="EnsureSyncedAsync"/> list again and start a fresh watch from that list, as client-go relists.
/// Without watching, every call lists. Each item is turned into <typeparamref name="T"/> as it enters the cache, as
/// a client-go informer's transform does: the cache keeps what the sweeper decides on, never the object's metadata.
/// </summary>
/// <typeparam name="T">What is kept of one item.</typeparam>
public sealed class MetadataReflector<T> : IAsyncDisposable
    where T : class
{
    // A watch takes a few milliseconds to connect after its list, and to resume after the server ends it: a view
    // that was current this recently is trusted through that gap instead of being listed again.
    private static readonly TimeSpan ConnectGrace = TimeSpan.FromSeconds(1);

    private readonly string _what;
    private readonly Func<string?, CancellationToken, Task<MetadataPage>> _list;
    private readonly Func<string, Action, CancellationToken, IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)>> _watch;
    private readonly Func<V1ObjectMeta, T> _keep;
    private readonly bool _useWatch;
    private readonly TimeSpan _staleAfter;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private ConcurrentDictionary<(string Namespace, string Name), T> _items = new();
    private volatile bool _synced;
    private volatile bool _connected;
    private long _currentAt;
    private Task? _watchLoop;
    private CancellationTokenSource? _watchStop;

    public MetadataReflector(
        string what,
        Func<string?, CancellationToken, Task<MetadataPage>> list,
        Func<string, Action, CancellationToken, IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)>> watch,
        Func<V1ObjectMeta, T> keep,
        bool useWatch,
        TimeSpan staleAfter,
        ILogger logger)
    {
        _what = what;
        _list = list;
        _watch = watch;
        _keep = keep;
        _useWatch = useWatch;
        _staleAfter = staleAfter;
        _logger = logger;
    }

    /// <summary>Pages the last (re-)list cost.</summary>
    public int LastListPages { get; private set; }

    /// <summary>Whether the watch's stream is open (its response headers came back).</summary>
    public bool Connected => _connected;

    /// <summary>How many times the cache was listed (the first time included).</summary>
    public int Lists { get; private set; }

    /// <summary>The kept items, enumerated in place (<c>Values</c> would copy them all under every lock).</summary>
    public IEnumerable<T> Items => _items.Select(entry => entry.Value);

    /// <summary>
    /// The kept item brought up to this version of the object when nothing it holds but the version changed (null:
    /// made anew). A stopped workload comes again and again with the same Tarnfui keys (its status moving as its pods
    /// stop, the watch event of the sweeper's own write, a relist): it then costs a new version, not a new item.
    /// </summary>
    public Func<T, V1ObjectMeta, T?>? Refresh { get; init; }

    public T? Get(string? @namespace, string name) => _items.TryGetValue(Key(@namespace, name), out var item) ? item : null;

    /// <summary>
    /// Why the cache cannot be trusted now, or null when it can: its watch is connected and was heard from within the
    /// stale bound (or it was current within the last second, while a watch connects).
    /// </summary>
    public string? Staleness()
    {
        if (!_synced)
        {
            return Lists == 0 ? "never listed" : "its watch ended";
        }

        if (!_useWatch)
        {
            return "not watched";
        }

        if (_watchLoop is not { IsCompleted: false })
        {
            return "its watch ended";
        }

        var quiet = Stopwatch.GetElapsedTime(Interlocked.Read(ref _currentAt));
        if (!_connected && quiet > ConnectGrace)
        {
            return $"its watch has not been connected for {quiet.TotalSeconds:0.#} s";
        }

        return quiet > _staleAfter ? $"nothing heard from its watch for {quiet.TotalSeconds:0.#} s" : null;
    }

    /// <summary>Lists (and restarts the watch) when the cache cannot be trusted, else returns at once; true when it listed.</summary>
    public async Task<bool> EnsureSyncedAsync(CancellationToken cancellationToken)
    {
        var why = Staleness();
        if (why is null)
        {
            return false;
        }

        if (Lists > 0 && _useWatch)
        {
            Log.Relisting(_logger, _what, why);
        }

        // A watch still retrying or silent is replaced, not left to replay old events over the new list.
        await StopWatchAsync();
        var items = new ConcurrentDictionary<(string Namespace, string Name), T>();
        string? continueToken = null;
        string? resourceVersion = null;
        var pages = 0;
        do
        {
            var page = await _list(continueToken, cancellationToken);
            pages++;
            foreach (var item in page.Items)
            {
                var key = Key(item);
                items[key] = Kept(_items, key, item);
            }

            resourceVersion ??= page.ResourceVersion;
            continueToken = page.Continue;
        }
        while (!string.IsNullOrEmpty(continueToken));

        LastListPages = pages;
        Lists++;
        _items = items;
        Heard();
        _synced = true;
        if (_useWatch && resourceVersion is not null)
        {
            _connected = false;
            _watchStop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var token = _watchStop.Token;
            _watchLoop = Task.Run(() => WatchAsync(resourceVersion, token), CancellationToken.None);
        }

        return true;
    }

    /// <summary>
    /// Records a write the sweeper made itself, so that the next sweep does not wait for its watch event; an item the
    /// cache holds already is replaced by what <paramref name="merge"/> makes of it and the new one.
    /// </summary>
    public void Upsert(string? @namespace, string name, T item, Func<T, T, T> merge) =>
        _items.AddOrUpdate(Key(@namespace, name), item, (_, kept) => merge(kept, item));

    public void Remove(string? @namespace, string name) => _items.TryRemove(Key(@namespace, name), out _);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await StopWatchAsync();
        _stopping.Dispose();
    }

    private async Task StopWatchAsync()
    {
        if (_watchStop is { } stop)
        {
            await stop.CancelAsync();
            if (_watchLoop is { } loop)
            {
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            stop.Dispose();
            _watchStop = null;
        }
    }

    private void Heard() => Interlocked.Exchange(ref _currentAt, Stopwatch.GetTimestamp());

    private void OnConnected()
    {
        _connected = true;
        Heard();
    }

    private async Task WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var gone = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await foreach (var (type, item) in _watch(resourceVersion, OnConnected, cancellationToken))
                    {
                        Heard();
                        if (item?.ResourceVersion is { Length: > 0 } version)
                        {
                            resourceVersion = version;
                        }

                        switch (type)
                        {
                            case WatchEventType.Added or WatchEventType.Modified when item is not null:
                                var key = Key(item);
                                _items[key] = Kept(_items, key, item);
                                break;
                            case WatchEventType.Deleted when item is not null:
                                _items.TryRemove(Key(item), out _);
                                break;
                            case WatchEventType.Error:
                                gone = true;
                                break;
                        }
                    }

                    if (gone)
                    {
                        break;
                    }

                    // The server ends every watch after its timeout; carry on from the last version seen. Until the
                    // new one connects the view is not known current.
                    _connected = false;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpOperationException or KubernetesException or HttpRequestException or IOException or System.Text.Json.JsonException or OperationCanceledException)
                {
                    Log.WatchEnded(_logger, _what, e.GetType().Name + ": " + e.Message, "listing again at the next sweep");
                    _synced = false;
                    return;
                }
            }

            if (gone)
            {
                Log.WatchEnded(_logger, _what, "410 Gone or error event", "listing again at the next sweep");
                _synced = false;
            }
        }
        finally
        {
            _connected = false;
        }
    }

    private T Kept(ConcurrentDictionary<(string Namespace, string Name), T> items, (string, string) key, V1ObjectMeta item) =>
        (Refresh is { } refresh && items.TryGetValue(key, out var kept) ? refresh(kept, item) : null) ?? _keep(item);

    // The namespace becomes the shared instance (SharedStrings) before the key and the kept item take it, so that
    // thousands of entries of one namespace hold one string.
    private static (string, string) Key(V1ObjectMeta item)
    {
        item.NamespaceProperty = SharedStrings.ShareOrNull(item.NamespaceProperty);
        return Key(item.NamespaceProperty, item.Name);
    }

    // A pair, not a joined string: the key holds the strings the kept item holds too, instead of a copy of both.
    private static (string, string) Key(string? @namespace, string name) => (@namespace ?? "", name);
}
