using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Sweeping;
using Tarnfui.Sweeper.Watching;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// The held-down gauges carry <c>namespace</c> and <c>kind</c> labels: each kind of each namespace counts its own, a
/// suspended CronJob is a workload held down with no replicas and frees no CPU or memory, and a namespace and kind that
/// hold nothing have no series. The sandbox is shared, so the test reads its own namespace's series only.
/// </summary>
[Collection("Sandbox")]
public class HeldDownGaugesTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task Each_kind_of_a_namespace_counts_its_own_and_a_released_kind_loses_its_series()
    {
        var ns = await sandbox.NamespaceAsync("gauges");
        await sandbox.DeploymentAsync(ns, "api", 3);
        await sandbox.StatefulSetAsync(ns, "db", 2);
        await sandbox.CronJobAsync(ns, "report", suspend: false);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, "held-down-gauges");
        var view = sweeper.Services.GetRequiredService<ClusterView>();
        var gauges = sweeper.Services.GetRequiredService<HeldDownGauges>();
        var metrics = sweeper.Metrics;
        var api = new WorkloadRef(WorkloadKind.Deployment, ns, "api");
        var db = new WorkloadRef(WorkloadKind.StatefulSet, ns, "db");
        var report = new WorkloadRef(WorkloadKind.CronJob, ns, "report");
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.Where(w => w.Namespace == ns).Count().ShouldBe(3);
        gauges.Update();
        Own(metrics.WorkloadsHeldDown, ns).ShouldBe(["CronJob", "Deployment", "StatefulSet"], ignoreOrder: true);
        (HeldDownSeries.Workloads(metrics, ns, "Deployment"), HeldDownSeries.Replicas(metrics, ns, "Deployment")).ShouldBe((1, 3));
        (HeldDownSeries.Workloads(metrics, ns, "StatefulSet"), HeldDownSeries.Replicas(metrics, ns, "StatefulSet")).ShouldBe((1, 2));
        (HeldDownSeries.Workloads(metrics, ns, "CronJob"), HeldDownSeries.Replicas(metrics, ns, "CronJob")).ShouldBe((1, 0));
        (HeldDownSeries.Cpu(metrics, ns, "CronJob"), HeldDownSeries.Memory(metrics, ns, "CronJob")).ShouldBe((0, 0), "a CronJob frees no pod's requests");
        var deploymentCpu = HeldDownSeries.Cpu(metrics, ns, "Deployment");
        deploymentCpu.ShouldBeGreaterThan(0);
        Own(metrics.WorkloadsOverdue, ns).Select(kind => HeldDownSeries.Overdue(metrics, ns, kind)).ShouldAllBe(overdue => overdue == 0, "the evening is off-hours");

        // A person resumes the CronJob and removes Tarnfui's record: its series goes, nothing else moves.
        await sandbox.Admin.BatchV1.PatchNamespacedCronJobAsync(new V1Patch(Released(new JsonObject { ["suspend"] = false }), V1Patch.PatchType.MergePatch), "report", ns);
        await Eventually.UntilAsync(() => !view.IsStopped(report), "the watch takes the CronJob out of the stopped set");
        gauges.Update();
        Own(metrics.WorkloadsHeldDown, ns).ShouldBe(["Deployment", "StatefulSet"], ignoreOrder: true);
        Own(metrics.CpuSaved, ns).ShouldBe(["Deployment", "StatefulSet"], ignoreOrder: true);
        HeldDownSeries.Cpu(metrics, ns, "Deployment").ShouldBe(deploymentCpu);

        // Then the Deployment and the StatefulSet: the namespace holds nothing and has no series left in any gauge.
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(Released(new JsonObject { ["replicas"] = 3 }), V1Patch.PatchType.MergePatch), "api", ns);
        await sandbox.Admin.AppsV1.PatchNamespacedStatefulSetAsync(new V1Patch(Released(new JsonObject { ["replicas"] = 2 }), V1Patch.PatchType.MergePatch), "db", ns);
        await Eventually.UntilAsync(() => !view.IsStopped(api) && !view.IsStopped(db), "the watches take both out");
        gauges.Update();
        foreach (var gauge in new[] { metrics.WorkloadsHeldDown, metrics.ReplicasHeldDown, metrics.CpuSaved, metrics.MemorySaved, metrics.WorkloadsOverdue })
        {
            Own(gauge, ns).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task A_workload_still_held_in_working_hours_is_overdue_until_the_restore_pass_brings_it_back()
    {
        var ns = await sandbox.NamespaceAsync("overdue");
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, "overdue-gauge");
        var gauges = sweeper.Services.GetRequiredService<HeldDownGauges>();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.ShouldContain(new WorkloadRef(WorkloadKind.Deployment, ns, "api"));
        HeldDownSeries.Overdue(sweeper.Metrics, ns, "Deployment").ShouldBe(0);

        // Morning, before any sweep: what a sweeper whose restores fail would show.
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        gauges.Update();
        HeldDownSeries.Overdue(sweeper.Metrics, ns, "Deployment").ShouldBe(1);

        (await sweeper.SweepAsync()).Restored.ShouldContain(new WorkloadRef(WorkloadKind.Deployment, ns, "api"));
        HeldDownSeries.Series(sweeper.Metrics.WorkloadsOverdue).ShouldNotContain((ns, "Deployment"));
    }

    [Fact]
    public async Task A_workload_held_for_a_manual_restore_counts_as_held_down_but_never_as_overdue()
    {
        var ns = await sandbox.NamespaceAsync("overdue-manual");
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.DeploymentAsync(ns, "batch", 3, new Dictionary<string, string> { [WellKnown.Annotations.Restore] = WellKnown.Annotations.ManualRestoreValue });
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, "overdue-manual-gauge");
        var gauges = sweeper.Services.GetRequiredService<HeldDownGauges>();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.Count(w => w.Namespace == ns).ShouldBe(2);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        gauges.Update();
        (HeldDownSeries.Workloads(sweeper.Metrics, ns, "Deployment"), HeldDownSeries.Overdue(sweeper.Metrics, ns, "Deployment")).ShouldBe((2, 1), "only api is late; batch is held on purpose");

        (await sweeper.SweepAsync()).Restored.Where(w => w.Namespace == ns).ShouldBe([new WorkloadRef(WorkloadKind.Deployment, ns, "api")]);
        (HeldDownSeries.Workloads(sweeper.Metrics, ns, "Deployment"), HeldDownSeries.Overdue(sweeper.Metrics, ns, "Deployment")).ShouldBe((1, 0));
        (HeldDownSeries.Replicas(sweeper.Metrics, ns, "Deployment")).ShouldBe(3, "the held-down replicas still count it");
    }

    private static List<string> Own(Prometheus.Gauge gauge, string ns) =>
        HeldDownSeries.Series(gauge).Where(series => series.Namespace == ns).Select(series => series.Kind).ToList();

    // What `kubectl tarnfui restore` writes: the spec back and the whole stop record removed.
    private static string Released(JsonObject spec)
    {
        var annotations = new JsonObject();
        foreach (var key in WellKnown.Annotations.State)
        {
            annotations[key] = null;
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = annotations, ["labels"] = new JsonObject { [WellKnown.Labels.Stopped] = null } },
            ["spec"] = spec,
        }.ToJsonString();
    }
}
