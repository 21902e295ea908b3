using System.Collections.Concurrent;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Sweeper.Kube;

namespace Tarnfui.Sweeper.Watching;

/// <summary>
/// A metadata-only cache of one LIST, kept current by a WATCH from the list's resourceVersion (client-go's
/// reflector): listed once, then each change costs one event instead of a re-list per sweep. A watch that ends
/// normally resumes from the last resourceVersion seen; 410 Gone or a broken stream marks the cache stale, and the
/// next <see cref="EnsureSyncedAsync"/> lists again. Without watching, every call lists.
/// </summary>
public sealed class MetadataReflector : IAsyncDisposable
{
    private readonly string _what;
    private readonly Func<string?, CancellationToken, Task<MetadataPage>> _list;
    private readonly Func<string, CancellationToken, IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)>> _watch;
    private readonly bool _useWatch;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private ConcurrentDictionary<string, V1ObjectMeta> _items = new(StringComparer.Ordinal);
    private volatile bool _synced;
    private Task? _watchLoop;

    public MetadataReflector(
        string what,
        Func<string?, CancellationToken, Task<MetadataPage>> list,
        Func<string, CancellationToken, IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)>> watch,
        bool useWatch,
        ILogger logger)
    {
        _what = what;
        _list = list;
        _watch = watch;
        _useWatch = useWatch;
        _logger = logger;
    }

    /// <summary>Pages the last (re-)list cost.</summary>
    public int LastListPages { get; private set; }

    public ICollection<V1ObjectMeta> Items => _items.Values;

    public V1ObjectMeta? Get(string? @namespace, string name) => _items.TryGetValue(Key(@namespace, name), out var item) ? item : null;

    /// <summary>Lists when the cache is stale (first use, after 410 Gone or a broken watch), else returns at once.</summary>
    public async Task<bool> EnsureSyncedAsync(CancellationToken cancellationToken)
    {
        if (_synced && _useWatch && _watchLoop is { IsCompleted: false })
        {
            return false;
        }

        var items = new ConcurrentDictionary<string, V1ObjectMeta>(StringComparer.Ordinal);
        string? continueToken = null;
        string? resourceVersion = null;
        var pages = 0;
        do
        {
            var page = await _list(continueToken, cancellationToken);
            pages++;
            foreach (var item in page.Items)
            {
                items[Key(item)] = item;
            }

            resourceVersion ??= page.ResourceVersion;
            continueToken = page.Continue;
        }
        while (!string.IsNullOrEmpty(continueToken));

        LastListPages = pages;
        _items = items;
        _synced = true;
        if (_useWatch && resourceVersion is not null && _watchLoop is not { IsCompleted: false })
        {
            _watchLoop = Task.Run(() => WatchAsync(resourceVersion, _stopping.Token), CancellationToken.None);
        }

        return true;
    }

    /// <summary>Records a write the sweeper made itself, so that the next sweep does not wait for its watch event.</summary>
    public void Upsert(V1ObjectMeta item) => _items[Key(item)] = item;

    public void Remove(string? @namespace, string name) => _items.TryRemove(Key(@namespace, name), out _);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_watchLoop is not null)
        {
            await _watchLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    private async Task WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var gone = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, item) in _watch(resourceVersion, cancellationToken))
                {
                    if (item?.ResourceVersion is { Length: > 0 } version)
                    {
                        resourceVersion = version;
                    }

                    switch (type)
                    {
                        case WatchEventType.Added or WatchEventType.Modified when item is not null:
                            _items[Key(item)] = item;
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

                // The server ends every watch after its timeout; carry on from the last version seen.
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

    private static string Key(V1ObjectMeta item) => Key(item.NamespaceProperty, item.Name);

    private static string Key(string? @namespace, string name) => (@namespace ?? "") + "/" + name;
}
