using System.Threading.Channels;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Testing;

/// <summary>
/// Waits for a condition without a fixed sleep: about an emulated cluster, it is checked again as soon as the
/// emulator's store changes; on a short tick too, for conditions about a program's own state (its metrics, its
/// leadership, a cache fed by a watch), which no store change announces. Past <see cref="Bound"/> it throws, naming
/// what never happened; the bound only ends a test that would otherwise hang, it is never what a test asserts.
/// </summary>
public static class Eventually
{
    /// <summary>Long enough for a loaded CI machine; a passing test never comes near it.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    public static Task UntilAsync(ObjectStore store, Func<bool> condition, string what) =>
        UntilAsync(store, () => Task.FromResult(condition()), what);

    public static async Task UntilAsync(ObjectStore store, Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(store);
        // From the current resourceVersion: only changes made from now on wake the wait, the stored objects are not replayed.
        using var changes = store.Subscribe(type: null, fromResourceVersion: store.ResourceVersion);
        await WaitAsync(changes.Changes, condition, what);
    }

    /// <summary>For a condition no emulator announces (a program's cache, a fake server's state): checked on the tick only.</summary>
    public static Task UntilAsync(Func<bool> condition, string what) =>
        UntilAsync(() => Task.FromResult(condition()), what);

    /// <inheritdoc cref="UntilAsync(Func{bool}, string)"/>
    public static Task UntilAsync(Func<Task<bool>> condition, string what) => WaitAsync(changes: null, condition, what);

    private static async Task WaitAsync(ChannelReader<StoreChange>? changes, Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var bound = new CancellationTokenSource(Bound);
        while (!await condition())
        {
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(bound.Token);
            wake.CancelAfter(Tick);
            try
            {
                await (changes?.WaitToReadAsync(wake.Token).AsTask() ?? Task.Delay(Timeout.Infinite, wake.Token));
                while (changes?.TryRead(out _) == true)
                {
                }
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                throw new TimeoutException($"not within {Bound.TotalSeconds:0} s: {what}");
            }
            catch (OperationCanceledException)
            {
                // The tick: look again even though the store did not change.
            }
        }
    }
}
