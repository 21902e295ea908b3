using k8s;
using k8s.Models;
using Tarnfui.Core;

namespace Tarnfui.Sweeper.Tests.Integration;

[Collection("Sandbox")]
public class NightCycleTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task Evening_night_morning_restores_every_workload_to_exactly_its_original_count()
    {
        var ns = await sandbox.NamespaceAsync("cycle");
        await sandbox.DeploymentAsync(ns, "api", 3);
        await sandbox.DeploymentAsync(ns, "web", 1);
        await sandbox.DeploymentAsync(ns, "idle", 0);
        await sandbox.StatefulSetAsync(ns, "db", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        // Noon: working hours, nothing to do.
        sandbox.Server.Clock.SetTo(SweeperSandbox.Noon);
        (await sweeper.SweepAsync()).Stopped.ShouldNotContain(w => w.Namespace == ns);

        // Evening: everything running stops, in one patch each, with the count recorded.
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var evening = await sweeper.SweepAsync();
        evening.Stopped.Where(w => w.Namespace == ns).Select(w => w.Name).Order().ShouldBe(["api", "db", "web"]);
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(0);
        (await sandbox.ReadAsync(ns, "api")).Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
        (await sandbox.ReadAsync(ns, "api")).Metadata.Labels[WellKnown.Labels.Stopped].ShouldBe("true");
        (await sandbox.ReadAsync(ns, "idle")).Metadata.Labels?.ContainsKey(WellKnown.Labels.Stopped).ShouldNotBe(true);
        (await sandbox.RunningPodsAsync(ns)).ShouldBe(0);

        // Midnight: nothing left to do here. The sandbox is shared and the sweeper sweeps the whole cluster, so a
        // workload of another test whose pods started late may be stopped now: the claim is about this namespace, and
        // "no write" means none of its objects changed.
        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        string[] names = ["api", "web", "idle"];
        var before = await Task.WhenAll(names.Select(async n => (await sandbox.ReadAsync(ns, n)).Metadata.ResourceVersion));
        var dbBefore = (await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Metadata.ResourceVersion;
        var night = await sweeper.SweepAsync();
        night.Stopped.ShouldNotContain(w => w.Namespace == ns);
        night.Restored.ShouldNotContain(w => w.Namespace == ns);
        (await Task.WhenAll(names.Select(async n => (await sandbox.ReadAsync(ns, n)).Metadata.ResourceVersion))).ShouldBe(before);
        (await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Metadata.ResourceVersion.ShouldBe(dbBefore);

        // Morning: every count comes back exactly, the state is gone.
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();
        morning.Restored.Where(w => w.Namespace == ns).Select(w => w.Name).Order().ShouldBe(["api", "db", "web"]);
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(3);
        (await sandbox.ReplicasAsync(ns, "web")).ShouldBe(1);
        (await sandbox.ReplicasAsync(ns, "idle")).ShouldBe(0);
        (await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Spec.Replicas.ShouldBe(2);
        var api = await sandbox.ReadAsync(ns, "api");
        api.Metadata.Annotations?.ContainsKey(WellKnown.Annotations.OriginalReplicas).ShouldNotBe(true);
        api.Metadata.Labels.ContainsKey(WellKnown.Labels.Stopped).ShouldBeFalse();
        (await sandbox.RunningPodsAsync(ns)).ShouldBe(6);

        var events = await sandbox.EventsAsync(ns);
        events.Count(e => e.Reason == WellKnown.EventReasons.Stopped && e.ReportingController == WellKnown.Events.SweeperController).ShouldBe(3);
        events.Count(e => e.Reason == WellKnown.EventReasons.Restored).ShouldBe(3);
    }
}
