using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Tarnfui.Core.Watching;

/// <summary>
/// Several namespaces' LIST and WATCH of one resource as one <see cref="ListWatch{TRaw}"/>, for a program that may only
/// read the namespaces it is given (Roles, not ClusterRoles). The list pages through each namespace in turn; the watch
/// runs one watch per namespace and merges their events. Each namespace has its own resourceVersion: the combination
/// keeps each one's (from its list, then from its events) and resumes each watch from its own, so the single version
/// the <see cref="Watcher{TRaw}"/> passes back is not used.
/// </summary>
public static class NamespacedListWatch
{
    /// <summary>Combines <paramref name="each"/> of every namespace of <paramref name="namespaces"/> (at least one).</summary>
    public static ListWatch<TRaw> Combine<TRaw>(IReadOnlyList<string> namespaces, Func<string, ListWatch<TRaw>> each)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(each);
        if (namespaces.Count == 0)
        {
            throw new ArgumentException("At least one namespace is needed.", nameof(namespaces));
        }

        var sources = namespaces.Select(each).ToArray();
        var versions = new ConcurrentDictionary<int, string>();
        var first = sources[0];
        return new ListWatch<TRaw>
        {
            List = async (continueToken, cancellationToken) =>
            {
                var (page, index) = await NamespacedPages.NextAsync(sources.Length, continueToken, (i, token, ct) => sources[i].List(token, ct), cancellationToken);
                if (page.ResourceVersion is { Length: > 0 } version)
                {
                    versions[index] = version;
                }

                return page;
            },
            Watch = sources.Any(s => s.Watch is null) ? null : (_, connected, cancellationToken) => WatchAllAsync(sources, versions, connected, cancellationToken),
            Key = first.Key,
            Version = first.Version,
            IsExpired = first.IsExpired,
        };
    }

    // One watch per namespace into one channel. The first to end, normally or not, ends them all: the watcher then
    // resumes (each from its own version) or lists again, as it would for one watch.
    private static async IAsyncEnumerable<WatchChange<TRaw>> WatchAllAsync<TRaw>(
        ListWatch<TRaw>[] sources, ConcurrentDictionary<int, string> versions, Action connected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateUnbounded<WatchChange<TRaw>>(new UnboundedChannelOptions { SingleReader = true });
        var waiting = sources.Length;
        void OneConnected()
        {
            if (Interlocked.Decrement(ref waiting) == 0)
            {
                connected();
            }
        }

        async Task PumpAsync(int index)
        {
            var version = versions.TryGetValue(index, out var known) ? known
                : throw new InvalidOperationException($"Namespace {index.ToString(CultureInfo.InvariantCulture)} was never listed: nothing to watch from.");
            try
            {
                var connectedOnce = 0;
                await foreach (var change in sources[index].Watch!(version, () => { if (Interlocked.Exchange(ref connectedOnce, 1) == 0) { OneConnected(); } }, stop.Token))
                {
                    if (sources[index].Version(change.Item) is { Length: > 0 } seen)
                    {
                        versions[index] = seen;
                    }

                    await channel.Writer.WriteAsync(change, stop.Token);
                }

                channel.Writer.TryComplete();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }

        var pumps = Enumerable.Range(0, sources.Length).Select(PumpAsync).ToArray();
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(pumps);
        }
    }
}
