using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Watching;
using Tarnfui.Sweeper.Sweeping;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// The stopped sets are metadata-only watches with <c>labelSelector=tarnfui.io/stopped=true</c>. A restore removes that
/// label, and kube-apiserver tells such a watch with a DELETED event (the emulator's conformance tests hold that): the
/// view must take the workload out on that event alone, whoever restored it, without listing again. Each test waits
/// until the view holds its workloads from the watch itself (not from the sweeper's own answer, the overlay), so that
/// nothing but the watch's events can take them out.
/// </summary>
[Collection("Sandbox")]
public class StoppedViewEventsTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task Workloads_restored_in_the_morning_leave_the_stopped_view_through_DELETED_events()
    {
        var ns = await sandbox.NamespaceAsync("leaving");
        var workloads = new List<WorkloadRef>();
        for (var i = 0; i < 4; i++)
        {
            await sandbox.DeploymentAsync(ns, $"api-{i}", 2);
            workloads.Add(new WorkloadRef(WorkloadKind.Deployment, ns, $"api-{i}"));
        }

        await sandbox.StatefulSetAsync(ns, "db", 1);
        workloads.Add(new WorkloadRef(WorkloadKind.StatefulSet, ns, "db"));
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, "view-leaving");
        var view = sweeper.Services.GetRequiredService<ClusterView>();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.Count(w => w.Namespace == ns).ShouldBe(workloads.Count);
        await UntilAsync(() => workloads.All(w => HeldByTheWatch(view, w)), "the watches bring the stops");
        var lists = Lists(view);

        // The sweeper's own restore: its answer takes the workloads out of what the view shows at once, but only the
        // watch's DELETED takes them out of the store (a bookmark would too, but the sandbox sends one a minute).
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        (await sweeper.SweepAsync()).Restored.Count(w => w.Namespace == ns).ShouldBe(workloads.Count);
        await UntilAsync(() => workloads.All(w => GoneFromTheWatch(view, w)), "the watches' DELETED events take the restored workloads out");

        Lists(view).ShouldBe(lists, "no list again: the events alone did it");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_person_s_restore_during_the_night_is_seen_by_the_running_sweeper(bool keptUp)
    {
        var ns = await sandbox.NamespaceAsync(keptUp ? "woken" : "restored");
        await sandbox.DeploymentAsync(ns, "api", 3);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, "view-person");
        var view = sweeper.Services.GetRequiredService<ClusterView>();
        var gauges = sweeper.Services.GetRequiredService<HeldDownGauges>();
        var api = new WorkloadRef(WorkloadKind.Deployment, ns, "api");
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.ShouldContain(api);
        await UntilAsync(() => HeldByTheWatch(view, api), "the watch brings the stop");
        gauges.Update();
        (HeldDownSeries.Workloads(sweeper.Metrics, ns, "Deployment"), HeldDownSeries.Replicas(sweeper.Metrics, ns, "Deployment")).ShouldBe((1, 3));
        var lists = Lists(view);

        // What `kubectl tarnfui restore` writes, or the same by hand: the count back and the whole stop record removed;
        // with `wake`'s exclude-until as well when the person wants it kept up tonight.
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(RestorePatch(3, keptUp), V1Patch.PatchType.MergePatch), "api", ns);
        await UntilAsync(() => GoneFromTheWatch(view, api), "the watch's DELETED takes the restored workload out of the stopped set");
        Lists(view).ShouldBe(lists, "seen through the watch, not a list");
        view.IsStopped(api).ShouldBeFalse();
        gauges.Update();
        HeldDownSeries.Series(sweeper.Metrics.WorkloadsHeldDown).ShouldNotContain((ns, "Deployment"), "the namespace holds nothing: its series is removed");
        HeldDownSeries.Series(sweeper.Metrics.ReplicasHeldDown).ShouldNotContain((ns, "Deployment"));

        // The decision table at the next sweep, from a view that knows the workload runs again: off-hours and not
        // excluded, it is stopped again with the person's count as the one to restore; woken, it is left up.
        await sandbox.SettledAsync();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        var night = await sweeper.SweepAsync();
        var after = await sandbox.ReadAsync(ns, "api");
        if (keptUp)
        {
            night.Stopped.ShouldNotContain(api);
            after.Spec.Replicas.ShouldBe(3);
        }
        else
        {
            night.Stopped.ShouldContain(api);
            after.Spec.Replicas.ShouldBe(0);
            after.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
            await UntilAsync(() => HeldByTheWatch(view, api), "the watch's ADDED brings it back into the stopped set");
        }
    }

    private static string RestorePatch(int replicas, bool keptUp)
    {
        var annotations = new JsonObject();
        foreach (var key in WellKnown.Annotations.State)
        {
            annotations[key] = null;
        }

        if (keptUp)
        {
            annotations[WellKnown.Annotations.ExcludeUntil] = SweeperSandbox.Morning.ToString();
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = annotations, ["labels"] = new JsonObject { [WellKnown.Labels.Stopped] = null } },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        }.ToJsonString();
    }

    // In the reflector's store, from a list or a watch event, and not only shown from the sweeper's own answer.
    private static bool HeldByTheWatch(ClusterView view, WorkloadRef workload)
    {
        var set = view.Stopped(workload.Kind);
        var key = ObjectKey.Of(workload.Namespace, workload.Name);
        return set.Store.Contains(key) && !set.Overlay.TryGet(key, out _);
    }

    private static bool GoneFromTheWatch(ClusterView view, WorkloadRef workload)
    {
        var set = view.Stopped(workload.Kind);
        var key = ObjectKey.Of(workload.Namespace, workload.Name);
        return !set.Store.Contains(key) && !set.Overlay.TryGet(key, out _);
    }

    private static int[] Lists(ClusterView view) => [.. view.StoppedSets.Select(set => set.Lists)];

    private static Task UntilAsync(Func<bool> condition, string what) =>
        Morning.Poll.UntilAsync(() => Task.FromResult(condition() ? null : what), missing => missing);
}
