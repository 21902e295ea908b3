using Tarnfui.Core.Watching;
using static Tarnfui.Core.Tests.Watching.ScriptedSource;

namespace Tarnfui.Core.Tests.Watching;

/// <summary>The list-then-watch loop, pulled event by event from a scripted source: no background work, no timing.</summary>
public sealed class WatcherTests
{
    private readonly List<TimeSpan> _waits = [];

    [Fact]
    public async Task Lists_every_page_then_watches_from_the_lists_version_and_resumes_after_a_close_from_the_last_version_seen()
    {
        var source = new ScriptedSource()
            .Pages([new([new Item("a", "3")], "c1", "5"), new([new Item("b", "4")], null, "9")])
            .Watch([Added("c", "6"), Bookmark("8")], Closed)
            .Watch([Deleted("a", "10")], end: null);

        var events = await TakeAsync(source, 8);

        events.ShouldBe(
        [
            "Init", "InitApply a@3", "InitApply b@4", "InitDone @5 (2 pages)",
            "Added c@6", "Bookmark @8", "WatchClosed @8",
            "Deleted a@10",
        ]);
        (await CallsAsync(source, 4)).ShouldBe(["list", "list after c1", "watch from 5", "watch from 8"]);
        _waits.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_410_lists_again_at_once()
    {
        var source = new ScriptedSource()
            .List("5", new Item("a", "3"))
            .Watch([Modified("a", "6")], new ExpiredException())
            .List("7")
            .Watch([], end: null);

        var events = await TakeAsync(source, 7);

        events.ShouldBe(["Init", "InitApply a@3", "InitDone @5 (1 pages)", "Modified a@6", "WatchEnded @6 expired", "Init", "InitDone @7 (1 pages)"]);
        _waits.ShouldBeEmpty("an expired version is listed again without a wait");
    }

    [Fact]
    public async Task A_cut_stream_lists_again_after_the_backoff()
    {
        var source = new ScriptedSource()
            .List("5")
            .Watch([], new IOException("connection reset"))
            .List("9")
            .Watch([], end: null);

        var events = await TakeAsync(source, 5);

        events.ShouldBe(["Init", "InitDone @5 (1 pages)", "WatchEnded @5 failed", "Init", "InitDone @9 (1 pages)"]);
        _waits.ShouldBe([TimeSpan.FromMilliseconds(75)]);
        (await CallsAsync(source, 3)).ShouldBe(["list", "watch from 5", "list"]);
    }

    [Fact]
    public async Task Failed_lists_back_off_longer_each_time_until_one_succeeds()
    {
        var source = new ScriptedSource()
            .ListFails(new IOException("refused"))
            .ListFails(new IOException("refused"))
            .ListFails(new IOException("refused"))
            .List("5")
            .Watch([], new IOException("reset"))
            .List("6");

        var events = await TakeAsync(source, 10);

        events.Count(e => e == "ListFailed").ShouldBe(3);
        events[^1].ShouldBe("Init");
        _waits.Select(w => w.TotalMilliseconds).ShouldBe([75.0, 150, 300, 75], "after the list that succeeded, the next failure starts from the first wait again");
    }

    [Fact]
    public async Task Without_a_backoff_it_lists_only_when_asked()
    {
        var source = new ScriptedSource().List("5").Watch([], new IOException("reset")).List("6");
        using var watcher = new Watcher<Item>(source.ListWatch, backoff: null);
        using var stop = new CancellationTokenSource();
        await using var events = watcher.RunAsync(() => { }, stop.Token).GetAsyncEnumerator();

        var first = events.MoveNextAsync().AsTask();
        first.IsCompleted.ShouldBeFalse("nothing is listed before it is asked for");
        watcher.RequestRelist();
        (await first).ShouldBeTrue();
        var seen = new List<WatcherEventKind> { events.Current.Kind };
        for (var i = 0; i < 2; i++)
        {
            (await events.MoveNextAsync()).ShouldBeTrue();
            seen.Add(events.Current.Kind);
        }

        seen.ShouldBe([WatcherEventKind.Init, WatcherEventKind.InitDone, WatcherEventKind.WatchEnded]);
        var next = events.MoveNextAsync().AsTask();
        next.IsCompleted.ShouldBeFalse("a failed watch waits for the next ask");
        watcher.RequestRelist();
        (await next).ShouldBeTrue();
        events.Current.Kind.ShouldBe(WatcherEventKind.Init);
        await stop.CancelAsync();
    }

    private async Task<List<string>> TakeAsync(ScriptedSource source, int count)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), jitter: () => 0.5, wait: (delay, _) =>
        {
            _waits.Add(delay);
            return Task.CompletedTask;
        });
        using var watcher = new Watcher<Item>(source.ListWatch, backoff);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<string>();
        await foreach (var e in watcher.RunAsync(() => { }, stop.Token))
        {
            events.Add(Describe(e));
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }

    private static async Task<List<string>> CallsAsync(ScriptedSource source, int count)
    {
        var calls = new List<string>();
        for (var i = 0; i < count; i++)
        {
            calls.Add(await source.NextCallAsync());
        }

        return calls;
    }

    private static string Describe(WatcherEvent<Item> e) => e.Kind switch
    {
        WatcherEventKind.Init or WatcherEventKind.ListFailed => e.Kind.ToString(),
        WatcherEventKind.InitDone => $"InitDone @{e.ResourceVersion} ({e.Pages} pages)",
        WatcherEventKind.Bookmark or WatcherEventKind.WatchClosed => $"{e.Kind} @{e.ResourceVersion}",
        WatcherEventKind.WatchEnded => $"WatchEnded @{e.ResourceVersion} {(e.Expired ? "expired" : "failed")}",
        _ => $"{e.Kind} {e.Item!.Name}@{e.Item.Version}",
    };
}
