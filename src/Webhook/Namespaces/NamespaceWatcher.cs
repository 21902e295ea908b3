using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Core.Watching;

namespace Tarnfui.Webhook.Namespaces;

/// <summary>
/// Feeds <see cref="NamespaceCache"/> from a <see cref="Reflector{TRaw, T}"/> of the namespaces: one paginated LIST,
/// then a WATCH from its resourceVersion. A watch the server closes resumes from the last resourceVersion seen; a
/// 410 Gone (the version left the server's window) lists again at once; a failure lists again after a backoff,
/// exponential and capped.
/// </summary>
internal sealed class NamespaceWatcher(IKubernetes client, NamespaceCache cache, Metrics metrics, ILogger<NamespaceWatcher> logger) : BackgroundService
{
    private const int PageSize = 500;

    /// <summary>Server-side watch timeout: the watch is renewed at least this often, as client-go's reflector does.</summary>
    public static readonly int WatchTimeoutSeconds = 300;

    /// <summary>The wait before listing again after a failure; replaceable for tests.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Wait { get; init; } = Task.Delay;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Exception? lastFailure = null;
        void Failed(Exception e)
        {
            lastFailure = e;
            metrics.NamespaceCacheSynced.Set(0);
            metrics.Errors.WithLabels(Metrics.Reasons.NamespaceWatch).Inc();
        }

        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), wait: (delay, ct) =>
        {
            Log.NamespaceWatchFailed(logger, lastFailure!, delay);
            return Wait(delay, ct);
        });
        await using var reflector = new Reflector<V1ObjectMeta, IReadOnlyDictionary<string, string>>(
            Source(),
            (metadata, _) => NamespaceCache.Copy(metadata.Annotations),
            new ReflectorOptions<IReadOnlyDictionary<string, string>>
            {
                What = "namespaces",
                Backoff = backoff,
                Listed = (count, _, version) =>
                {
                    metrics.NamespaceCacheSynced.Set(1);
                    Log.NamespacesListed(logger, count, version);
                },
                ListFailed = Failed,
                WatchFailed = (e, expired, version) =>
                {
                    if (expired)
                    {
                        Log.NamespaceWatchExpired(logger, version);
                    }
                    else
                    {
                        Failed(e);
                    }
                },
            });
        cache.Follow(reflector.Store);
        await reflector.RunAsync(stoppingToken);
    }

    private ListWatch<V1ObjectMeta> Source() => new()
    {
        List = async (continueToken, cancellationToken) =>
        {
            var page = await client.CoreV1.ListNamespaceAsync(continueParameter: continueToken, limit: PageSize, cancellationToken: cancellationToken);
            return new ListPage<V1ObjectMeta>([.. page.Items.Select(n => n.Metadata)], page.Metadata?.ContinueProperty, page.Metadata?.ResourceVersion);
        },
        Watch = WatchAsync,
        Key = metadata => ObjectKey.Of(null, metadata.Name),
        Version = metadata => metadata.ResourceVersion,
        IsExpired = e => e is KubernetesException { Status.Code: 410 } or HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.Gone },
    };

    private async IAsyncEnumerable<WatchChange<V1ObjectMeta>> WatchAsync(
        string resourceVersion, Action connected, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = client.CoreV1.WatchListNamespaceAsync(
            allowWatchBookmarks: true,
            resourceVersion: resourceVersion,
            timeoutSeconds: WatchTimeoutSeconds,
            // An ERROR event (a Status; 410 means "list again") and an event that cannot be read end the watch.
            onError: e => throw e,
            cancellationToken: cancellationToken);
        await foreach (var (type, item) in events)
        {
            // A bookmark's object carries only the resourceVersion reached.
            if (item?.Metadata is not { } metadata || (metadata.Name is null && type != WatchEventType.Bookmark))
            {
                continue;
            }

            yield return type switch
            {
                WatchEventType.Added => new(ChangeType.Added, metadata),
                WatchEventType.Modified => new(ChangeType.Modified, metadata),
                WatchEventType.Deleted => new(ChangeType.Deleted, metadata),
                _ => new(ChangeType.Bookmark, metadata),
            };
        }
    }
}
