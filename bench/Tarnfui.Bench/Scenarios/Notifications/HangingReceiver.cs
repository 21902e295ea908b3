using Tarnfui.Sandbox.Serve;

namespace Tarnfui.Bench.Scenarios.Notifications;

/// <summary>
/// A notification receiver on loopback that accepts each request and never answers it, until disposed: the receiver of
/// <c>serve --notify-to-log</c>, handed a callback that holds every body.
/// </summary>
internal sealed class HangingReceiver : IAsyncDisposable
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private NotificationLogReceiver? _receiver;
    private int _held;

    public Uri Url => _receiver!.Url;

    /// <summary>Requests it has received (and holds).</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Completes when it holds its first request.</summary>
    public Task FirstHeld => _first.Task;

    public static async Task<HangingReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var hanging = new HangingReceiver();
        hanging._receiver = await NotificationLogReceiver.StartAsync(
            (_, _) =>
            {
                Interlocked.Increment(ref hanging._held);
                hanging._first.TrySetResult();
                return hanging._release.Task;
            },
            cancellationToken);
        return hanging;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}
