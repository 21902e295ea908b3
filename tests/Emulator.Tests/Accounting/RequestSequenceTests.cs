using Tarnfui.Emulator.Accounting;
using Tarnfui.Emulator.Tests.Conformance;
using Tarnfui.Emulator.Tests.Controllers;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Accounting;

/// <summary>
/// Requests are numbered as they arrive and logged as they end, so "what a client asked for after this moment" is the
/// requests numbered above the moment's <see cref="RequestStats.LastSequence"/>: a watch opened earlier is not among
/// them, however late it closes.
/// </summary>
[Collection("Simulation")]
public sealed class RequestSequenceTests(SimulationFixture fixture)
{
    private static readonly RequestInfo List = RequestInfo.Parse("GET", "/api/v1/namespaces/a/pods", "");
    private static readonly RequestInfo Watch = RequestInfo.Parse("GET", "/api/v1/namespaces/a/pods", "true");

    [Fact]
    public void A_request_keeps_the_number_it_arrived_with_when_it_is_logged_after_later_ones()
    {
        var stats = new RequestStats();
        var watch = stats.Arrive();
        var mark = stats.LastSequence;
        var list = stats.Arrive();

        stats.Record(list, List, "GET", "/api/v1/namespaces/a/pods", "", "someone", 200, 10);
        stats.Record(watch, Watch, "GET", "/api/v1/namespaces/a/pods", "?watch=true", "someone", 200, 20);

        stats.Requests().Select(r => r.Verb).ShouldBe(["list", "watch"], "logged in the order they ended");
        stats.Requests().Where(r => r.Sequence > mark).Select(r => r.Verb).ShouldBe(["list"], "only what arrived after the mark");
        mark.ShouldBe(watch);
    }

    [Fact]
    public void The_log_says_up_to_which_number_it_dropped_requests()
    {
        var stats = new RequestStats(logCapacity: 2);
        stats.LastDropped.ShouldBe(0);
        var numbers = Enumerable.Range(0, 4).Select(_ => stats.Arrive()).ToList();

        // The first to arrive ends last: dropping the two oldest in the log drops 2 and 3, not 1.
        foreach (var number in numbers.Skip(1).Append(numbers[0]))
        {
            stats.Record(number, List, "GET", "/api/v1/namespaces/a/pods", "", "someone", 200, 1);
        }

        stats.Requests().Select(r => r.Sequence).ShouldBe([numbers[3], numbers[0]]);
        stats.LastDropped.ShouldBe(numbers[2]);
    }

    [Fact]
    public async Task A_watch_opened_before_a_mark_is_open_while_it_streams_and_not_counted_after_the_mark_when_it_closes()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var collection = $"/api/v1/namespaces/{ns}/configmaps";
        var watch = await RawWatch.OpenAsync(fixture.Server.HttpUrl, collection, "");
        var mark = fixture.Server.Stats.LastSequence;
        using var http = new HttpClient { BaseAddress = fixture.Server.HttpUrl };

        (await http.GetAsync(collection)).EnsureSuccessStatusCode();
        var streaming = fixture.Server.Stats.Open().Where(r => r.Namespace == ns).ShouldHaveSingleItem("the watch is open while it streams");
        (streaming.Verb, streaming.Code, streaming.Sequence <= mark).ShouldBe(("watch", 200, true));
        fixture.Server.Stats.Requests().ShouldNotContain(r => r.Sequence == streaming.Sequence, "logged only when it ends");
        await watch.DisposeAsync();
        await Eventually.UntilAsync(() => fixture.Server.Stats.Requests().Any(r => r.Verb == "watch" && r.Namespace == ns), "the closed watch is logged");
        fixture.Server.Stats.Open().ShouldNotContain(r => r.Namespace == ns);

        var inNamespace = fixture.Server.Stats.Requests().Where(r => r.Namespace == ns).ToList();
        inNamespace.Select(r => r.Verb).ShouldBe(["list", "watch"], "the watch ended last");
        inNamespace.Where(r => r.Sequence > mark).Select(r => r.Verb).ShouldBe(["list"]);
    }
}
