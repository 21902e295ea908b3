using System.Runtime.CompilerServices;

namespace Tarnfui.Core.Watching;

/// <summary>
/// The list-then-watch loop of one resource, as a stream of events (kube-rs's watcher): a paged LIST, then a WATCH
/// from the list's resourceVersion. A watch that ends normally (the server's timeout, a stream closed cleanly) resumes
/// from the last resourceVersion seen, bookmarks included. A watch that fails lists again: at once when its version
/// expired (410), else after <see cref="Backoff"/>, as does a list that fails.
/// </summary>
/// <remarks>
/// Without a backoff the loop lists only when asked (<see cref="RequestRelist"/>), the first time included: the
/// sweeper lists at the sweep that finds its view stale, not in between, and a failed list fails that sweep.
/// </remarks>
public sealed class Watcher<TRaw>(ListWatch<TRaw> source, Backoff? backoff) : IDisposable
{
    private readonly SemaphoreSlim _asked = new(0, 1);
    private CancellationTokenSource? _watching;

    /// <summary>Whether the loop waits to be asked before each list (no backoff) or lists again on its own.</summary>
    public bool ListsOnRequest => backoff is null;

    /// <summary>Asks for a fresh list: the current watch, if any, is ended first.</summary>
    public void RequestRelist()
    {
        try
        {
            _asked.Release();
        }
        catch (SemaphoreFullException)
        {
            // Asked already; one list answers both.
        }

        try
        {
            Volatile.Read(ref _watching)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That watch has just ended on its own.
        }
    }

    public void Dispose() => _asked.Dispose();

    public async IAsyncEnumerable<WatcherEvent<TRaw>> RunAsync(Action connected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            if (backoff is null)
            {
                await _asked.WaitAsync(cancellationToken);
            }
            else if (failures > 0)
            {
                await backoff.WaitAsync(failures, cancellationToken);
            }

            yield return new(WatcherEventKind.Init);
            string? version = null;
            string? continueToken = null;
            Exception? failed = null;
            var pages = 0;
            do
            {
                ListPage<TRaw>? page = null;
                try
                {
                    page = await source.List(continueToken, cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    failed = e;
                    break;
                }

                pages++;
                foreach (var item in page.Items)
                {
                    yield return new(WatcherEventKind.InitApply, item);
                }

                version ??= page.ResourceVersion;
                continueToken = page.Continue;
            }
            while (!string.IsNullOrEmpty(continueToken));

            if (failed is not null)
            {
                failures++;
                yield return new(WatcherEventKind.ListFailed, Error: failed);
                continue;
            }

            failures = 0;
            yield return new(WatcherEventKind.InitDone, ResourceVersion: version, Pages: pages);
            if (source.Watch is null || string.IsNullOrEmpty(version))
            {
                continue;
            }

            await foreach (var change in WatchAsync(version, connected, cancellationToken))
            {
                if (change.Kind == WatcherEventKind.WatchEnded && !change.Expired && change.Error is not null)
                {
                    failures++;
                }

                yield return change;
            }
        }
    }

    // Watches from the version, resuming after each normal end, until the watch fails, expires or a list is asked for.
    private async IAsyncEnumerable<WatcherEvent<TRaw>> WatchAsync(string version, Action connected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Volatile.Write(ref _watching, watching);
            Exception? failed = null;
            var asked = false;
            var stream = source.Watch!(version, connected, watching.Token).GetAsyncEnumerator(watching.Token);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await stream.MoveNextAsync())
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException) when (watching.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        asked = true;
                        break;
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        failed = e;
                        break;
                    }

                    var change = stream.Current;
                    if (source.Version(change.Item) is { Length: > 0 } seen)
                    {
                        version = seen;
                    }

                    yield return new(Kind(change.Type), change.Item, version);
                }
            }
            finally
            {
                Volatile.Write(ref _watching, null);
                await DisposeQuietlyAsync(stream);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (asked || watching.IsCancellationRequested)
            {
                yield return new(WatcherEventKind.WatchEnded, ResourceVersion: version);
                yield break;
            }

            if (failed is not null)
            {
                yield return new(WatcherEventKind.WatchEnded, ResourceVersion: version, Error: failed, Expired: source.IsExpired(failed));
                yield break;
            }

            yield return new(WatcherEventKind.WatchClosed, ResourceVersion: version);
        }
    }

    private static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<WatchChange<TRaw>> stream)
    {
        try
        {
            await stream.DisposeAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The stream was cut or cancelled; nothing is left to release.
        }
    }

    private static WatcherEventKind Kind(ChangeType type) => type switch
    {
        ChangeType.Added => WatcherEventKind.Added,
        ChangeType.Modified => WatcherEventKind.Modified,
        ChangeType.Deleted => WatcherEventKind.Deleted,
        _ => WatcherEventKind.Bookmark,
    };
}
