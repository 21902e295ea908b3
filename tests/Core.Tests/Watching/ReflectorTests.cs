using System.Reflection;
using Tarnfui.Core.Watching;
using static Tarnfui.Core.Tests.Watching.ScriptedSource;

namespace Tarnfui.Core.Tests.Watching;

/// <summary>
/// The store a reflector keeps and the program's own writes shown over it, against a scripted source. Each step waits
/// for the source's next call, which the reflector makes only once it has applied everything before it.
/// </summary>
public sealed class ReflectorTests : IAsyncLifetime, IDisposable
{
    private static readonly ObjectKey A = ObjectKey.Of(null, "a");
    private readonly ScriptedSource _source = new();
    private readonly CancellationTokenSource _stop = new();
    private Reflector<Item, Kept>? _reflector;
    private Task? _running;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        if (_reflector is not null)
        {
            await _reflector.DisposeAsync();
        }
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task A_write_is_shown_until_the_store_applies_its_version_and_what_it_added_is_carried_on()
    {
        var go = new TaskCompletionSource();
        var goOn = new TaskCompletionSource();
        _source.List("5", new Item("a", "3", "v0"))
            .Watch([Modified("a", "6", "v1")], Closed, go.Task)
            .Watch([Modified("a", "7", "v2")], Closed, goOn.Task)
            .Watch([], end: null);
        var reflector = await StartAsync("list", "watch from 5");

        reflector.Record(A, new Kept("mine", "mine"), "7");
        reflector.Get(A).ShouldBe(new Kept("mine", "mine"));
        go.SetResult();
        (await _source.NextCallAsync()).ShouldBe("watch from 6");
        reflector.Get(A).ShouldBe(new Kept("mine", "mine"), "the store has an older version than the write");
        reflector.Store.Get(A).ShouldBe(new Kept("v1", "mine"));

        goOn.SetResult();
        (await _source.NextCallAsync()).ShouldBe("watch from 7");
        reflector.Get(A).ShouldBe(new Kept("v2", "mine"), "the store caught up: its item shows, with what the write added");
        reflector.Overlay.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task A_write_answered_after_the_watch_brought_its_version_is_merged_into_the_newer_stored_item()
    {
        _source.List("5", new Item("a", "3", "v0"))
            .Watch([Modified("a", "7", "v2"), Modified("a", "8", "v3")], Closed)
            .Watch([], end: null);
        var reflector = await StartAsync("list", "watch from 5", "watch from 8");

        reflector.Record(A, new Kept("mine", "mine"), "7");

        reflector.Overlay.IsEmpty.ShouldBeTrue();
        reflector.Get(A).ShouldBe(new Kept("v3", "mine"));
    }

    [Fact]
    public async Task A_write_that_took_an_object_out_hides_it_and_once_the_watch_passes_it_the_store_forgets_it()
    {
        // A server that filters out the event of an object leaving a label selector sends nothing for it: the
        // bookmark past the write is all that says the store is as new as the write.
        var go = new TaskCompletionSource();
        _source.List("5", new Item("a", "3", "v0"), new Item("b", "4", "v0"))
            .Watch([Bookmark("9")], Closed, go.Task)
            .Watch([], end: null);
        var reflector = await StartAsync("list", "watch from 5");

        reflector.Record(A, null, "7");
        reflector.Get(A).ShouldBeNull();
        reflector.Items.Select(k => k.Value).ShouldBe(["v0"]);
        reflector.Store.Contains(A).ShouldBeTrue("only the reflector writes its store");

        go.SetResult();
        (await _source.NextCallAsync()).ShouldBe("watch from 9");
        reflector.Store.Contains(A).ShouldBeFalse();
        reflector.Overlay.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task A_410_lists_again_and_the_list_replaces_the_store_and_retires_the_writes_before_it()
    {
        var go = new TaskCompletionSource();
        _source.List("5", new Item("a", "3", "v0"), new Item("b", "3", "v0"))
            .Watch([], new ExpiredException(), go.Task)
            .List("9", new Item("b", "8", "v1"))
            .Watch([], end: null);
        var reflector = await StartAsync("list", "watch from 5");
        var c = ObjectKey.Of(null, "c");
        reflector.Record(c, new Kept("mine", "mine"), "12");

        go.SetResult();
        (await _source.NextCallAsync()).ShouldBe("list");
        (await _source.NextCallAsync()).ShouldBe("watch from 9");

        reflector.Get(A).ShouldBeNull("gone from the new list");
        reflector.Get(ObjectKey.Of(null, "b")).ShouldBe(new Kept("v1", null));
        reflector.Get(c).ShouldBeNull("the list began after the write, so it is as new as the write");
        reflector.Lists.ShouldBe(2);
    }

    [Fact]
    public async Task An_item_the_program_wrote_is_stored_under_the_key_its_write_named()
    {
        var go = new TaskCompletionSource();
        _source.List("5")
            .Watch([Added("b", "6", "v1")], Closed, go.Task)
            .Watch([], end: null);
        var reflector = await StartAsync("list", "watch from 5");

        // The program's own instance of the name, not the one the watch event is read with.
        var written = ObjectKey.Of(null, new string('b', 1));
        reflector.Record(written, new Kept("mine", "mine"), "6");
        go.SetResult();
        (await _source.NextCallAsync()).ShouldBe("watch from 6");

        reflector.Get(written).ShouldBe(new Kept("v1", "mine"));
        ReferenceEquals(reflector.Store.Entries.Single().Key.Name, written.Name).ShouldBeTrue();
    }

    [Fact]
    public async Task An_unwanted_item_is_not_stored_from_a_list_or_a_watch_and_a_later_wanted_version_is()
    {
        // "gone" marks an item on its way out of the selection that the program has no use for.
        var go = new TaskCompletionSource();
        var goOn = new TaskCompletionSource();
        _source.List("5", new Item("a", "3", "v0"), new Item("b", "4", "gone"))
            .Watch([Modified("a", "6", "gone"), Added("c", "7", "gone")], Closed, go.Task)
            .Watch([Modified("a", "8", "v1")], Closed, goOn.Task)
            .Watch([], end: null);
        var reflector = await StartAsync(kept => kept.Value == "gone", "list", "watch from 5");

        reflector.Get(A).ShouldBe(new Kept("v0", null));
        reflector.Get(ObjectKey.Of(null, "b")).ShouldBeNull("listed, but unwanted");
        go.SetResult();
        (await _source.NextCallAsync()).ShouldBe("watch from 7");
        reflector.Get(A).ShouldBeNull("its new version is unwanted: taken out as if deleted");
        reflector.Get(ObjectKey.Of(null, "c")).ShouldBeNull();
        reflector.Store.Count.ShouldBe(0);

        goOn.SetResult();
        (await _source.NextCallAsync()).ShouldBe("watch from 8");
        reflector.Get(A).ShouldBe(new Kept("v1", null), "a later version it has use for is stored again");
    }

    [Fact]
    public void Only_the_reflector_writes_its_store()
    {
        var methods = typeof(Store<Kept>).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName).Select(m => m.Name).Order(StringComparer.Ordinal);
        methods.ShouldBe(["Contains", "Get", "VersionOf"]);
        typeof(Store<Kept>).GetProperties().ShouldAllBe(p => p.SetMethod == null || !p.SetMethod.IsPublic);
    }

    private Task<Reflector<Item, Kept>> StartAsync(params string[] calls) => StartAsync(null, calls);

    private async Task<Reflector<Item, Kept>> StartAsync(Func<Kept, bool>? unwanted, params string[] calls)
    {
        _reflector = new Reflector<Item, Kept>(
            _source.ListWatch,
            (item, previous) => new Kept(item.Value, previous?.Written),
            new ReflectorOptions<Kept>
            {
                Backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), wait: (_, _) => Task.CompletedTask),
                Merge = (kept, written) => kept with { Written = written.Written },
                Unwanted = unwanted,
            });
        _running = _reflector.RunAsync(_stop.Token);
        foreach (var call in calls)
        {
            (await _source.NextCallAsync()).ShouldBe(call);
        }

        return _reflector;
    }

    /// <summary>What is kept of an item: its value, and what the program's own write added (carried across versions).</summary>
    public sealed record Kept(string Value, string? Written);
}
