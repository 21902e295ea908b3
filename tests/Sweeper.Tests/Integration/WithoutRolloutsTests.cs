using Tarnfui.Emulator.Server;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// A cluster without the Argo Rollouts CRD (the shared sandbox never installs it): the sweeps work as before, and the
/// only request about Rollouts is discovery's, once per <c>Sweeper:DiscoveryInterval</c>, never one per sweep.
/// </summary>
[Collection("Sandbox")]
public class WithoutRolloutsTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task Sweeps_stop_and_restore_and_ask_nothing_about_rollouts_but_discovery_once()
    {
        var ns = await sandbox.NamespaceAsync("no-rollouts");
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.SettledAsync();
        var before = LastSequence();
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.ShouldContain(w => w.Namespace == ns && w.Name == "api");
        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        await sweeper.SweepAsync();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        (await sweeper.SweepAsync()).Restored.ShouldContain(w => w.Namespace == ns && w.Name == "api");

        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(2);
        sandbox.Server.Stats.Requests()
            .Where(r => r.Sequence > before && r.User == EmulatorUsers.Sweeper && r.Path.StartsWith("/apis/argoproj.io", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {r.Path} {r.Code}")
            .ShouldBe(["GET /apis/argoproj.io/v1alpha1 404"], "three sweeps within the discovery interval: one discovery request, no list, watch or read");
    }

    private long LastSequence() => sandbox.Server.Stats.LastSequence;
}
