namespace Tarnfui.Core.Watching;

/// <summary>One page of a LIST: its items, the token of the next page (none on the last) and the list's resourceVersion.</summary>
public sealed record ListPage<TRaw>(IReadOnlyList<TRaw> Items, string? Continue, string? ResourceVersion);

/// <summary>What one WATCH event says of its item.</summary>
public enum ChangeType
{
    Added,
    Modified,
    Deleted,

    /// <summary>No change: the item carries only the resourceVersion the watch has reached.</summary>
    Bookmark,
}

/// <summary>One event of a WATCH, as the program's client read it.</summary>
public readonly record struct WatchChange<TRaw>(ChangeType Type, TRaw Item);

/// <summary>
/// The LIST and WATCH calls of one resource, in a program's own client, and how to read an item's key and
/// resourceVersion: all that <see cref="Watcher{TRaw}"/> needs, so that it knows nothing of any client library.
/// </summary>
public sealed class ListWatch<TRaw>
{
    /// <summary>Lists one page from the continue token (null: the first page).</summary>
    public required Func<string?, CancellationToken, Task<ListPage<TRaw>>> List { get; init; }

    /// <summary>
    /// Watches from a resourceVersion. The callback is called once the server has answered with the stream's headers:
    /// a quiet watch yields nothing, and only this tells it from one still connecting. Null: the resource is only listed.
    /// </summary>
    public Func<string, Action, CancellationToken, IAsyncEnumerable<WatchChange<TRaw>>>? Watch { get; init; }

    public required Func<TRaw, ObjectKey> Key { get; init; }

    public required Func<TRaw, string?> Version { get; init; }

    /// <summary>Whether a watch's failure says its resourceVersion left the server's window (410 Expired/Gone): list again at once.</summary>
    public Func<Exception, bool> IsExpired { get; init; } = _ => false;
}
