using Microsoft.Extensions.DependencyInjection;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Watching;
using Tarnfui.Testing;
using K = Tarnfui.Core.WellKnown.KubeDownscaler;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// A night in compatibility mode (<c>Policy:KubeDownscalerAnnotations</c>): Deployments annotated only with
/// kube-downscaler's keys are stopped and restored as those keys say; with the option off the keys are ignored and the
/// global schedule applies. The global uptime is the sweeper's default, Mon-Fri 07:00-19:00 UTC.
/// </summary>
[Collection("Sandbox")]
public class KubeDownscalerNightTests(SweeperSandbox sandbox)
{
    private const string Office = "Mon-Fri 07:00-19:00 UTC";
    private const string Compatible = "--Policy:KubeDownscalerAnnotations=true";

    // The namespace keeps working hours until 21:00; its workloads say otherwise or not.
    private async Task<string> NamespaceWithWorkloadsAsync(string prefix)
    {
        var ns = await sandbox.NamespaceAsync(prefix, new Dictionary<string, string> { [K.Uptime] = "Mon-Fri 07:00-21:00 UTC" });
        await sandbox.DeploymentAsync(ns, "office", 2, new Dictionary<string, string> { [K.Uptime] = Office });
        await sandbox.DeploymentAsync(ns, "late", 1);
        await sandbox.DeploymentAsync(ns, "kept", 2, new Dictionary<string, string> { [K.Exclude] = "true" });
        await sandbox.DeploymentAsync(ns, "one", 3, new Dictionary<string, string> { [K.Uptime] = Office, [K.DowntimeReplicas] = "1" });
        await sandbox.DeploymentAsync(ns, "forced", 1, new Dictionary<string, string> { [K.ForceDowntime] = "true" });
        await sandbox.SettledAsync();
        return ns;
    }

    private static string[] Names(IEnumerable<WorkloadRef> outcomes, string ns) =>
        [.. outcomes.Where(w => w.Namespace == ns).Select(w => w.Name).Order()];

    [Fact]
    public async Task With_compatibility_their_keys_stop_and_restore_each_workload()
    {
        var ns = await NamespaceWithWorkloadsAsync("kd-on");
        await using var sweeper = TestSweeper.Create(sandbox.Server, "test-sweeper", null, Compatible);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Noon);
        Names((await sweeper.SweepAsync()).Stopped, ns).ShouldBe(["forced"], "force-downtime holds even at noon");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        Names((await sweeper.SweepAsync()).Stopped, ns).ShouldBe(["office", "one"], "20:00: their own uptime ended, the namespace's has not");
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "one")).ShouldBe(1, "downscaler/downtime-replicas");
        (await sandbox.ReadAsync(ns, "one")).Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        Names((await sweeper.SweepAsync()).Stopped, ns).ShouldBe(["late"], "the namespace's downscaler/uptime ended at 21:00");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        Names((await sweeper.SweepAsync()).Restored, ns).ShouldBe(["late", "office", "one"], "forced stays down in the morning");
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "office")).ShouldBe(2);
        (await sandbox.ReplicasAsync(ns, "one")).ShouldBe(3);
        (await sandbox.ReplicasAsync(ns, "late")).ShouldBe(1);
        (await sandbox.ReplicasAsync(ns, "kept")).ShouldBe(2, "downscaler/exclude");
        (await sandbox.ReplicasAsync(ns, "forced")).ShouldBe(0);
    }

    [Fact]
    public async Task Without_compatibility_their_keys_are_ignored()
    {
        var ns = await NamespaceWithWorkloadsAsync("kd-off");
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Noon);
        Names((await sweeper.SweepAsync()).Stopped, ns).ShouldBeEmpty();

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        Names((await sweeper.SweepAsync()).Stopped, ns).ShouldBe(["forced", "kept", "late", "office", "one"]);
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "one")).ShouldBe(0, "their downtime-replicas is not read");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        Names((await sweeper.SweepAsync()).Restored, ns).ShouldBe(["forced", "kept", "late", "office", "one"]);
    }

    // Issue 22, morning property case 605989214: the restore landed, and the same sweep's stop pass stopped it again
    // from its ReplicaSet's copy, which did not have downscaler/uptime yet and whose stop did not test it absent.
    [Fact]
    public async Task Their_uptime_true_written_at_night_restores_a_workload_held_at_its_own_downtime_count()
    {
        var ns = await sandbox.NamespaceAsync("kd-uptime");
        await sandbox.DeploymentAsync(ns, "web", 4, new Dictionary<string, string> { [WellKnown.Annotations.DowntimeReplicas] = "2" });
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, "test-sweeper", null, Compatible);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        Names((await sweeper.SweepAsync()).Stopped, ns).ShouldBe(["web"]);
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "web")).ShouldBe(2);

        await new Morning.ClusterWrites(sandbox.Admin).AnnotateAsync(new WorkloadRef(WorkloadKind.Deployment, ns, "web"), K.Uptime, "true");
        await sandbox.SettledAsync();
        var view = sweeper.Services.GetRequiredService<ClusterView>();
        await Eventually.UntilAsync(
            () => view.Stopped(WorkloadKind.Deployment).Get(ns, "web")?.Metadata.Annotations?.ContainsKey(K.Uptime) == true,
            "the sweeper's stopped view has downscaler/uptime");
        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        var report = await sweeper.SweepAsync();
        Names(report.Restored, ns).ShouldBe(["web"], "downscaler/uptime=true is working hours all day");
        Names(report.Stopped, ns).ShouldBeEmpty("the copy's word alone does not stop it again");
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "web")).ShouldBe(4);
    }
}
