using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Tarnfui.Core.Watching;

namespace Tarnfui.Core.Tests.Watching;

/// <summary>One object as a scripted server sends it.</summary>
public sealed record Item(string Name, string? Version, string Value = "");

/// <summary>
/// A list/watch source that answers from a script: each list call takes the next scripted list (pages, or a
/// failure), each watch call the next scripted watch (events, then a close, a failure, or held open until cancelled).
/// Every call is reported on <see cref="Calls"/> ("list", "list after c1", "watch from 5"), the signal tests wait on.
/// </summary>
public sealed class ScriptedSource
{
    private readonly Queue<Func<ListPage<Item>>> _lists = new();
    private readonly Queue<WatchScript> _watches = new();

    public Channel<string> Calls { get; } = Channel.CreateUnbounded<string>();

    public ListWatch<Item> ListWatch => new()
    {
        List = ListAsync,
        Watch = WatchAsync,
        Key = item => ObjectKey.Of(null, item.Name),
        Version = item => item.Version,
        IsExpired = e => e is ExpiredException,
    };

    public ScriptedSource List(string version, params Item[] items) => Pages([new ListPage<Item>(items, null, version)]);

    public ScriptedSource Pages(IReadOnlyList<ListPage<Item>> pages)
    {
        foreach (var page in pages)
        {
            _lists.Enqueue(() => page);
        }

        return this;
    }

    public ScriptedSource ListFails(Exception failure)
    {
        _lists.Enqueue(() => throw failure);
        return this;
    }

    /// <param name="changes">The events it sends.</param>
    /// <param name="end">How the watch ends after its events: null holds it open until it is cancelled; <see cref="Closed"/> closes it normally.</param>
    /// <param name="before">What the watch waits for before it sends its events (none: it sends them at once).</param>
    public ScriptedSource Watch(IReadOnlyList<WatchChange<Item>> changes, Exception? end, Task? before = null)
    {
        _watches.Enqueue(new(changes, end, before));
        return this;
    }

    /// <summary>The watch end that stands for a normal close by the server.</summary>
    public static readonly Exception Closed = new EndOfStreamException("closed normally");

    public static WatchChange<Item> Added(string name, string version, string value = "") => new(ChangeType.Added, new Item(name, version, value));

    public static WatchChange<Item> Modified(string name, string version, string value = "") => new(ChangeType.Modified, new Item(name, version, value));

    public static WatchChange<Item> Deleted(string name, string version) => new(ChangeType.Deleted, new Item(name, version));

    public static WatchChange<Item> Bookmark(string version) => new(ChangeType.Bookmark, new Item("", version));

    public async Task<string> NextCallAsync() => await Calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

    private Task<ListPage<Item>> ListAsync(string? continueToken, CancellationToken cancellationToken)
    {
        Calls.Writer.TryWrite(continueToken is null ? "list" : $"list after {continueToken}");
        return Task.FromResult(_lists.Dequeue()());
    }

    private async IAsyncEnumerable<WatchChange<Item>> WatchAsync(string version, Action connected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Calls.Writer.TryWrite($"watch from {version}");
        var script = _watches.Dequeue();
        connected();
        if (script.Before is { } before)
        {
            await before.WaitAsync(cancellationToken);
        }

        foreach (var change in script.Changes)
        {
            yield return change;
        }

        if (script.End is null)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        else if (!ReferenceEquals(script.End, Closed))
        {
            throw script.End;
        }
    }

    private sealed record WatchScript(IReadOnlyList<WatchChange<Item>> Changes, Exception? End, Task? Before);
}

/// <summary>What a scripted watch throws for a 410 Expired.</summary>
public sealed class ExpiredException() : Exception("410 Expired");
