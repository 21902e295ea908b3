using Tarnfui.Core;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// A cluster without KEDA: sweeps stop and restore as ever, and after one discovery request (answered 404) no sweep
/// sends a request for ScaledObjects, counted by the emulator's request accounting.
/// </summary>
[Collection("Sandbox")]
public sealed class KedaAbsentTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task Without_the_CRD_sweeps_work_and_cost_no_ScaledObject_request()
    {
        var ns = await sandbox.NamespaceAsync("keda-absent");
        await sandbox.DeploymentAsync(ns, "web", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        var before = LastSequence();

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.ShouldContain(w => w.Namespace == ns && w.Name == "web");
        var afterFirst = LastSequence();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        await sweeper.SweepAsync();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        (await sweeper.SweepAsync()).Restored.ShouldContain(w => w.Namespace == ns && w.Name == "web");

        var first = KedaRequests(before, afterFirst);
        first.ShouldAllBe(r => r.Path == $"/apis/{WellKnown.Keda.Group}/{WellKnown.Keda.Version}" && r.Code == 404, "only discovery is asked");
        first.Count.ShouldBe(1);
        KedaRequests(afterFirst, long.MaxValue).ShouldBeEmpty("the answer is kept: later sweeps ask nothing about ScaledObjects");
        (await sandbox.ReplicasAsync(ns, "web")).ShouldBe(2);
    }

    private long LastSequence() => sandbox.Server.Stats.LastSequence;

    private List<Emulator.Accounting.RequestRecord> KedaRequests(long after, long upTo) =>
        [.. sandbox.Server.Stats.Requests().Where(r => r.Sequence > after && r.Sequence <= upTo && r.Path.Contains(WellKnown.Keda.Group, StringComparison.Ordinal))];
}
