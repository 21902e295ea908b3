namespace Tarnfui.Core.Watching;

/// <summary>What <see cref="Watcher{TRaw}"/> yields; a (re)list is <c>Init</c>, an <c>InitApply</c> per item, then <c>InitDone</c>.</summary>
public enum WatcherEventKind
{
    /// <summary>A list begins: what it brings replaces everything known, once it is done.</summary>
    Init,
    InitApply,

    /// <summary>The list is complete (<see cref="WatcherEvent{TRaw}.ResourceVersion"/>, <see cref="WatcherEvent{TRaw}.Pages"/>).</summary>
    InitDone,
    Added,
    Modified,
    Deleted,
    Bookmark,

    /// <summary>The server closed the watch normally: it is resumed from <see cref="WatcherEvent{TRaw}.ResourceVersion"/>.</summary>
    WatchClosed,

    /// <summary>A list failed (<see cref="WatcherEvent{TRaw}.Error"/>): nothing of it is kept; it is tried again.</summary>
    ListFailed,

    /// <summary>A watch failed or expired (<see cref="WatcherEvent{TRaw}.Error"/>): what is known is no longer current until the next list.</summary>
    WatchEnded,
}

public readonly record struct WatcherEvent<TRaw>(
    WatcherEventKind Kind,
    TRaw? Item = default,
    string? ResourceVersion = null,
    int Pages = 0,
    Exception? Error = null,
    bool Expired = false);
