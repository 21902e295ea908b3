using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// <c>Sweeper:FastStop=false</c>: no decision rests on a ReplicaSet's copy; each running Deployment is read every
/// sweep and stopped with a patch on the version read. Request counts come from the sandbox's log, for the sweeper's
/// identity in the test's namespace.
/// </summary>
[Collection("Sandbox")]
public class ReadStopRouteTests(SweeperSandbox sandbox)
{
    private static readonly Instant LastDaySweep = Instant.FromUtc(2026, 11, 23, 18, 59, 30);
    private static readonly Instant StopSweep = Instant.FromUtc(2026, 11, 23, 19, 0, 0);

    [Fact]
    public async Task Each_running_deployment_is_read_every_sweep_and_stopped_with_a_read_a_patch_and_an_event()
    {
        var ns = await sandbox.NamespaceAsync("read-route");
        await sandbox.DeploymentAsync(ns, "api", 3);
        await sandbox.DeploymentAsync(ns, "web", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, settings: "--Sweeper:FastStop=false");

        (await CostAsync(sweeper, ns, LastDaySweep)).ShouldBe(new Dictionary<string, int> { ["get deployments"] = 2 }, "each pod's owner from the watch of the running ReplicaSets");
        (await CostAsync(sweeper, ns, LastDaySweep + Duration.FromSeconds(15))).ShouldBe(new Dictionary<string, int> { ["get deployments"] = 2 },
            "without the copies a daytime sweep reads every running Deployment");

        var stop = await CostAsync(sweeper, ns, StopSweep);

        stop.ShouldBe(new Dictionary<string, int> { ["get deployments"] = 2, ["patch deployments"] = 2, ["create events"] = 2 }, ignoreOrder: true);
        await sandbox.SettledAsync();
        var api = await sandbox.ReadAsync(ns, "api");
        (api.Spec.Replicas, api.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas], api.Metadata.Labels[WellKnown.Labels.Stopped]).ShouldBe((0, "3", "true"));
        (await sandbox.ReplicasAsync(ns, "web")).ShouldBe(0);
    }

    [Fact]
    public async Task A_deployment_without_labels_is_stopped_with_one_patch_on_the_version_read()
    {
        // The fast stop's first patch fails on a missing labels map (FastStopTests); a patch planned from the
        // Deployment read sees the map is missing and creates it.
        var ns = await sandbox.NamespaceAsync("read-no-labels");
        var created = await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"metadata":{"labels":null}}""", V1Patch.PatchType.MergePatch), created.Metadata.Name, ns);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, settings: "--Sweeper:FastStop=false");
        await CostAsync(sweeper, ns, LastDaySweep);

        var stop = await CostAsync(sweeper, ns, StopSweep);

        stop.ShouldBe(new Dictionary<string, int> { ["get deployments"] = 1, ["patch deployments"] = 1, ["create events"] = 1 }, ignoreOrder: true);
        var api = await sandbox.ReadAsync(ns, "api");
        (api.Spec.Replicas, api.Metadata.Labels[WellKnown.Labels.Stopped]).ShouldBe((0, "true"));
    }

    // The sweeper's requests in the namespace (pod pages are cluster-wide and not counted), by verb and resource.
    private async Task<Dictionary<string, int>> CostAsync(TestSweeper sweeper, string ns, Instant at)
    {
        sandbox.Server.Clock.SetTo(at);
        var before = sandbox.Server.Stats.LastSequence;
        await sweeper.SweepAsync();
        return sandbox.Server.Stats.Requests()
            .Where(r => r.Sequence > before && r.User == EmulatorUsers.Sweeper && r.Namespace == ns)
            .GroupBy(r => $"{r.Verb} {r.Resource}")
            .ToDictionary(g => g.Key, g => g.Count());
    }
}
