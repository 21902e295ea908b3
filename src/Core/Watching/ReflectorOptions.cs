namespace Tarnfui.Core.Watching;

/// <summary>How a <see cref="Reflector{TRaw, T}"/> relists, when it stops trusting what it holds, and whom it tells.</summary>
public sealed class ReflectorOptions<T>
    where T : class
{
    /// <summary>What is reflected, for logs ("namespaces").</summary>
    public string What { get; init; } = "objects";

    /// <summary>
    /// The wait before listing again after a failure; the reflector then runs on its own (<see cref="Reflector{TRaw, T}.RunAsync"/>).
    /// Null: it lists only when <see cref="Reflector{TRaw, T}.EnsureSyncedAsync"/> finds it stale.
    /// </summary>
    public Backoff? Backoff { get; init; }

    /// <summary>A watch heard from (an event or a bookmark) less recently than this is not trusted.</summary>
    public TimeSpan StaleAfter { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// A watch takes a moment to connect after its list, and to resume after the server closes it: a view current
    /// this recently is trusted through that gap instead of being listed again.
    /// </summary>
    public TimeSpan ConnectGrace { get; init; } = TimeSpan.FromSeconds(1);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// What the store keeps when a write is recorded after the watch already brought its version (or a newer one):
    /// the stored item and the written one, made one. Null: the stored item stays as it is.
    /// </summary>
    public Func<T, T, T>? Merge { get; init; }

    /// <summary>
    /// Which kept items the program has no use for although the selection still holds them: not stored, as if the watch
    /// had sent them as deleted (a later version it has use for is stored again). For an item on its way out of the
    /// selection, whose last moments in it would otherwise be held for nothing. Null: every item is stored.
    /// </summary>
    public Func<T, bool>? Unwanted { get; init; }

    /// <summary>Called with why the reflector lists again when it was asked to and had listed before.</summary>
    public Action<string>? Relisting { get; init; }

    /// <summary>Called after each list with how many items and pages it brought and its resourceVersion.</summary>
    public Action<int, int, string?>? Listed { get; init; }

    /// <summary>Called when a list fails (before it is tried again, or thrown from <see cref="Reflector{TRaw, T}.EnsureSyncedAsync"/>).</summary>
    public Action<Exception>? ListFailed { get; init; }

    /// <summary>
    /// Called when a watch fails, with whether it expired (410) and the last resourceVersion it reached: what is held
    /// is not current until the next list.
    /// </summary>
    public Action<Exception, bool, string?>? WatchFailed { get; init; }
}
