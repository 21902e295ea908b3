using Microsoft.Extensions.DependencyInjection;
using Tarnfui.Core;
using Tarnfui.Emulator.Faults;
using Tarnfui.Emulator.Server;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// The view a sweep acts on: trusted while its watches are connected and heard from, listed again (with fresh
/// watches) as soon as one is down. Faults touch only the sweeper's watch requests, in the fault sandbox.
/// </summary>
[Collection("FaultSandbox")]
public class ClusterViewTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task A_connected_watch_is_trusted_and_costs_no_list()
    {
        await using var sweeper = TestSweeper.Create(sandbox.Server, "view-connected");
        var view = sweeper.Services.GetRequiredService<ClusterView>();

        (await view.EnsureSyncedAsync(CancellationToken.None)).ShouldBeGreaterThan(0);
        await UntilAsync(() => Reflectors(view).All(r => r.Connected && r.Staleness is null), "the watches connect");
        (await view.EnsureSyncedAsync(CancellationToken.None)).ShouldBe(0);

        // Changes arrive through the watch, without a list.
        var ns = await sandbox.NamespaceAsync("watched", new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "true" });
        await UntilAsync(() => view.NamespaceAnnotations(ns) is not null, "the new namespace arrives");
        view.Namespaces.Lists.ShouldBe(1);
    }

    [Fact]
    public async Task A_watch_that_cannot_connect_is_listed_again_before_the_next_sweep()
    {
        // Every watch request of the sweeper fails: its client keeps retrying with backoff, which used to leave the
        // view trusted and frozen for as long as the retries lasted.
        sandbox.Server.Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, Verbs = ["watch"], User = EmulatorUsers.Sweeper });
        try
        {
            await using var sweeper = TestSweeper.Create(sandbox.Server, "view-down", null, "--Sweeper:MaxAttempts=20", "--Sweeper:RetryBackoff=1s");
            var view = sweeper.Services.GetRequiredService<ClusterView>();
            await view.EnsureSyncedAsync(CancellationToken.None);
            await UntilAsync(() => view.Namespaces.Staleness() is { } why && why.Contains("not been connected", StringComparison.Ordinal), "the view knows its watch is down");

            var ns = await sandbox.NamespaceAsync("unwatched", new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "true" });
            (await view.EnsureSyncedAsync(CancellationToken.None)).ShouldBeGreaterThan(0, "a sweep lists what it cannot trust");
            view.NamespaceAnnotations(ns).ShouldNotBeNull();
        }
        finally
        {
            sandbox.Server.Faults.Clear();
        }
    }

    [Fact]
    public async Task A_connected_watch_not_heard_from_within_the_stale_bound_is_listed_again()
    {
        // The sandbox sends bookmarks once a minute, as kube-apiserver does; a bound of a second cannot be met by a
        // quiet watch, which then stands for one whose stream died without the connection saying so.
        await using var sweeper = TestSweeper.Create(sandbox.Server, "view-silent", null, "--Sweeper:WatchStaleAfter=1s");
        var view = sweeper.Services.GetRequiredService<ClusterView>();
        await view.EnsureSyncedAsync(CancellationToken.None);
        await UntilAsync(() => view.Namespaces.Staleness() is { } why && why.Contains("nothing heard", StringComparison.Ordinal), "a silent watch is not trusted past the bound");

        (await view.EnsureSyncedAsync(CancellationToken.None)).ShouldBeGreaterThan(0);
        view.Namespaces.Lists.ShouldBe(2);
    }

    private static (bool Connected, string? Staleness)[] Reflectors(ClusterView view) =>
    [
        (view.Namespaces.Connected, view.Namespaces.Staleness()),
        .. view.StoppedSets.Select(set => (set.Connected, set.Staleness())),
    ];

    // Polls a condition that changes in the background (a watch connecting, a bound passing), with a bound.
    private static Task UntilAsync(Func<bool> condition, string what) =>
        Morning.Poll.UntilAsync(() => Task.FromResult(condition() ? null : what), missing => missing);
}
