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
/// The held-down gauges carry a <c>kind</c> label from <see cref="WorkloadKind.All"/>: each kind counts its own, a
/// suspended CronJob is a workload held down with no replicas and frees no CPU or memory. The sandbox is shared, so the
/// test reads what one workload's release takes off the gauges, a person's restore seen through the watches.
/// </summary>
[Collection("Sandbox")]
public class HeldDownGaugesTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task Each_kind_counts_its_own_and_a_cronjob_holds_no_replicas_and_frees_nothing()
    {
        var ns = await sandbox.NamespaceAsync("gauges");
        await sandbox.DeploymentAsync(ns, "api", 3);
        await sandbox.StatefulSetAsync(ns, "db", 2);
        await sandbox.CronJobAsync(ns, "report", suspend: false);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, "held-down-gauges");
        var view = sweeper.Services.GetRequiredService<ClusterView>();
        var gauges = sweeper.Services.GetRequiredService<HeldDownGauges>();
        var api = new WorkloadRef(WorkloadKind.Deployment, ns, "api");
        var db = new WorkloadRef(WorkloadKind.StatefulSet, ns, "db");
        var report = new WorkloadRef(WorkloadKind.CronJob, ns, "report");
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.Where(w => w.Namespace == ns).Count().ShouldBe(3);
        gauges.Update();
        var evening = Read(sweeper.Metrics);
        WorkloadKind.All.ShouldAllBe(kind => evening.Workloads.ContainsKey(kind.ToString()), "every kind has its series");
        evening.Replicas["CronJob"].ShouldBe(0);

        // A person resumes the CronJob and removes Tarnfui's record: one CronJob fewer, nothing else moves.
        await sandbox.Admin.BatchV1.PatchNamespacedCronJobAsync(new V1Patch(Released(new JsonObject { ["suspend"] = false }), V1Patch.PatchType.MergePatch), "report", ns);
        await Eventually.UntilAsync(() => !view.IsStopped(report), "the watch takes the CronJob out of the stopped set");
        gauges.Update();
        var resumed = Read(sweeper.Metrics);
        resumed.Workloads["CronJob"].ShouldBe(evening.Workloads["CronJob"] - 1);
        resumed.Workloads["Deployment"].ShouldBe(evening.Workloads["Deployment"]);
        resumed.Replicas.ShouldBe(evening.Replicas);
        (resumed.Cpu, resumed.Memory).ShouldBe((evening.Cpu, evening.Memory), "a CronJob frees no pod's requests");

        // Then the Deployment and the StatefulSet: each kind loses its own workload and replicas.
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(Released(new JsonObject { ["replicas"] = 3 }), V1Patch.PatchType.MergePatch), "api", ns);
        await sandbox.Admin.AppsV1.PatchNamespacedStatefulSetAsync(new V1Patch(Released(new JsonObject { ["replicas"] = 2 }), V1Patch.PatchType.MergePatch), "db", ns);
        await Eventually.UntilAsync(() => !view.IsStopped(api) && !view.IsStopped(db), "the watches take both out");
        gauges.Update();
        var restored = Read(sweeper.Metrics);
        restored.Workloads["Deployment"].ShouldBe(evening.Workloads["Deployment"] - 1);
        restored.Workloads["StatefulSet"].ShouldBe(evening.Workloads["StatefulSet"] - 1);
        restored.Replicas["Deployment"].ShouldBe(evening.Replicas["Deployment"] - 3);
        restored.Replicas["StatefulSet"].ShouldBe(evening.Replicas["StatefulSet"] - 2);
        restored.Cpu.ShouldBeLessThan(evening.Cpu);
    }

    private static (Dictionary<string, double> Workloads, Dictionary<string, double> Replicas, double Cpu, double Memory) Read(Metrics metrics) => (
        WorkloadKind.All.ToDictionary(k => k.ToString(), k => metrics.WorkloadsHeldDown.WithLabels(k.ToString()).Value),
        WorkloadKind.All.ToDictionary(k => k.ToString(), k => metrics.ReplicasHeldDown.WithLabels(k.ToString()).Value),
        metrics.CpuSaved.Value,
        metrics.MemorySaved.Value);

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
