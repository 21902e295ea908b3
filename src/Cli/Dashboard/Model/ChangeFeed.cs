namespace Tarnfui.Cli.Dashboard.Model;

/// <summary>
/// A version number that moves whenever what the pages show may have changed (a watch event, a list, the cluster's
/// clock passing a minute), and a way to wait for it to move: what <c>/events</c> pushes to the browsers.
/// </summary>
internal sealed class ChangeFeed
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version = 1;

    public long Version => Interlocked.Read(ref _version);

    /// <summary>Moves the version and wakes every waiter.</summary>
    public void Bump()
    {
        TaskCompletionSource woken;
        lock (_lock)
        {
            _version++;
            woken = _next;
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    /// <summary>Returns once the version is past <paramref name="seen"/> (at once if it already is).</summary>
    public async Task<long> WaitPastAsync(long seen, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_lock)
            {
                if (_version > seen)
                {
                    return _version;
                }

                next = _next.Task;
            }

            await next.WaitAsync(cancellationToken);
        }
    }
}
