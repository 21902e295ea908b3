using System.Net;
using k8s;
using k8s.Autorest;

namespace Tarnfui.Webhook.Namespaces;

/// <summary>
/// Feeds <see cref="NamespaceCache"/>: one paginated LIST, then a WATCH from its resourceVersion. A watch that
/// ends (the server's timeout, a cut connection) resumes from the last resourceVersion seen; a 410 Gone (the
/// version left the server's window) lists again. Errors back off exponentially, capped.
/// </summary>
public sealed class NamespaceWatcher(IKubernetes client, NamespaceCache cache, Metrics metrics, ILogger<NamespaceWatcher> logger) : BackgroundService
{
    private const int PageSize = 500;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Server-side watch timeout: the watch is renewed at least this often, as client-go's reflector does.</summary>
    public static readonly int WatchTimeoutSeconds = 300;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? resourceVersion = null;
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await ListAsync(stoppingToken);
                metrics.NamespaceCacheSynced.Set(1);
                backoff = FirstBackoff;
                resourceVersion = await WatchAsync(resourceVersion, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                Log.NamespaceWatchExpired(logger, resourceVersion);
                resourceVersion = null;
            }
            catch (Exception e)
            {
                metrics.NamespaceCacheSynced.Set(0);
                metrics.Errors.WithLabels(Metrics.Reasons.NamespaceWatch).Inc();
                Log.NamespaceWatchFailed(logger, e, backoff);
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task<string?> ListAsync(CancellationToken cancellationToken)
    {
        var all = new List<KeyValuePair<string, IDictionary<string, string>?>>();
        string? continueToken = null;
        string? resourceVersion;
        do
        {
            var page = await client.CoreV1.ListNamespaceAsync(continueParameter: continueToken, limit: PageSize, cancellationToken: cancellationToken);
            foreach (var item in page.Items)
            {
                all.Add(new(item.Metadata.Name, item.Metadata.Annotations));
            }

            continueToken = page.Metadata?.ContinueProperty;
            resourceVersion = page.Metadata?.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(continueToken));

        cache.Replace(all);
        Log.NamespacesListed(logger, all.Count, resourceVersion);
        return resourceVersion;
    }

    /// <returns>The resourceVersion to resume from, or null when the cache must be listed again.</returns>
    private async Task<string?> WatchAsync(string? resourceVersion, CancellationToken cancellationToken)
    {
        var expired = false;
        Exception? failure = null;
        var events = client.CoreV1.WatchListNamespaceAsync(
            allowWatchBookmarks: true,
            resourceVersion: resourceVersion,
            timeoutSeconds: WatchTimeoutSeconds,
            // An ERROR event arrives here as a KubernetesException carrying the Status; 410 means "list again".
            onError: e =>
            {
                if (e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
                {
                    expired = true;
                }
                else
                {
                    failure ??= e;
                }
            },
            cancellationToken: cancellationToken);

        await foreach (var (type, item) in events)
        {
            var name = item?.Metadata?.Name;
            if (item?.Metadata?.ResourceVersion is { Length: > 0 } seen)
            {
                resourceVersion = seen;
            }

            if (type == WatchEventType.Deleted && name is not null)
            {
                cache.Remove(name);
            }
            else if (type is WatchEventType.Added or WatchEventType.Modified && name is not null)
            {
                cache.Set(name, item!.Metadata.Annotations);
            }

            if (expired)
            {
                break;
            }
        }

        if (expired)
        {
            Log.NamespaceWatchExpired(logger, resourceVersion);
            return null;
        }

        return failure is null ? resourceVersion : throw new InvalidOperationException("the namespace watch reported an error", failure);
    }
}
