using Tarnfui.Emulator.Store;

namespace Tarnfui.Testing;

/// <summary>
/// Waits for a condition about an emulated cluster without a fixed sleep: it is checked again as soon as the
/// emulator's store changes, and on a short tick for conditions about a program's own state (its metrics, its
/// leadership), which no store change announces. Past <see cref="Bound"/> it throws, naming what never happened;
/// the bound only ends a test that would otherwise hang, it is never what a test asserts.
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
        ArgumentNullException.ThrowIfNull(condition);
        // From the current resourceVersion: only changes made from now on wake the wait, the stored objects are not replayed.
        using var changes = store.Subscribe(type: null, fromResourceVersion: store.ResourceVersion);
        using var bound = new CancellationTokenSource(Bound);
        while (!await condition())
        {
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(bound.Token);
            wake.CancelAfter(Tick);
            try
            {
                await changes.Changes.WaitToReadAsync(wake.Token);
                while (changes.Changes.TryRead(out _))
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
