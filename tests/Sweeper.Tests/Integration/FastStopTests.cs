using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Server;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Sweeping;
using Tarnfui.Sweeper.Watching;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// A Deployment is stopped from its ReplicaSet's copy of its annotations and count: one tested JSON Patch and one
/// Event, no read. Request counts come from the sandbox's log, for the sweeper's identity in the test's namespace.
/// </summary>
[Collection("Sandbox")]
public class FastStopTests(SweeperSandbox sandbox)
{
    // The last daytime sweep (30 s before uptime ends at 19:00) and the first one after it, one interval apart.
    private static readonly Instant LastDaySweep = Instant.FromUtc(2026, 11, 23, 18, 59, 30);
    private static readonly Instant StopSweep = Instant.FromUtc(2026, 11, 23, 19, 0, 0);

    [Fact]
    public async Task A_known_deployment_stops_with_one_patch_and_one_event_night_after_night()
    {
        var ns = await sandbox.NamespaceAsync("fast");
        await sandbox.DeploymentAsync(ns, "api", 3);
        await sandbox.DeploymentAsync(ns, "web", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        // Daytime: the ReplicaSets come from the watch of those that run (listed cluster-wide), the Deployments are never read.
        var day = await CostAsync(ns, () => sweeper.SweepAsync(), LastDaySweep);
        day.ShouldBeEmpty();
        (await CostAsync(ns, () => sweeper.SweepAsync(), LastDaySweep + Duration.FromSeconds(15))).ShouldBeEmpty("a steady daytime sweep costs only its pod pages");

        for (var night = 0; night < 2; night++)
        {
            var evening = StopSweep + Duration.FromDays(night);
            var stop = await CostAsync(ns, () => sweeper.SweepAsync(), evening);
            stop.ShouldBe(new Dictionary<string, int> { ["patch deployments"] = 2, ["create events"] = 2 }, $"night {night}: a patch and an Event per stop");
            await sandbox.SettledAsync();
            var api = await sandbox.ReadAsync(ns, "api");
            (api.Spec.Replicas, api.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas], api.Metadata.Labels[WellKnown.Labels.Stopped]).ShouldBe((0, "3", "true"));
            (await sandbox.ReplicasAsync(ns, "web")).ShouldBe(0);

            // Morning, then the next day's last sweep: the watch brings the ReplicaSets back among those that run, with
            // copies that still carry the state keys of the stop, which the next stop tests absent.
            sandbox.Server.Clock.SetTo(SweeperSandbox.Morning + Duration.FromDays(night));
            (await sweeper.SweepAsync()).Restored.Count(w => w.Namespace == ns).ShouldBe(2);
            await sandbox.SettledAsync();
            (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(3);
            await RunningReplicaSetsWatchedAsync(sweeper, ns);
            (await CostAsync(ns, () => sweeper.SweepAsync(), LastDaySweep + Duration.FromDays(night + 1))).ShouldBeEmpty("a whole day after the restore: nothing read");
        }
    }

    [Fact]
    public async Task Without_the_watch_a_copy_past_its_age_that_decides_a_stop_is_not_read_again_and_a_changed_deployment_still_falls_back()
    {
        var ns = await sandbox.NamespaceAsync("aged");
        await sandbox.DeploymentAsync(ns, "api", 3);
        await sandbox.DeploymentAsync(ns, "web", 2);
        await sandbox.SettledAsync();

        // No watch of the running ReplicaSets: the copies are read with GETs and age.
        await using var sweeper = TestSweeper.Create(sandbox.Server, settings: NoWatch);
        (await CostAsync(ns, () => sweeper.SweepAsync(), StopSweep - Duration.FromMinutes(15))).ShouldBe(new Dictionary<string, int> { ["get replicasets"] = 2 });
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "web", ns);
        await sandbox.SettledAsync();

        // Both copies are older than Sweeper:OwnerCacheMaxAge (5 min); web's is behind its Deployment.
        var stop = await CostAsync(ns, () => sweeper.SweepAsync(), StopSweep);

        stop.ShouldBe(new Dictionary<string, int> { ["patch deployments"] = 3, ["get deployments"] = 1, ["create events"] = 2 }, ignoreOrder: true,
            "api: its patch alone; web: a patch whose test fails, a read, a patch");
        (await sandbox.ReadAsync(ns, "web")).Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("4");
        (await sandbox.ReadAsync(ns, "api")).Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
    }

    [Fact]
    public async Task A_deployment_read_because_its_copy_keeps_it_running_is_read_again_once_the_read_is_past_its_age()
    {
        var ns = await sandbox.NamespaceAsync("agedleave");
        await sandbox.DeploymentAsync(ns, "api", 3, new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "true" });
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        await CostAsync(ns, () => sweeper.SweepAsync(), StopSweep - Duration.FromMinutes(15));

        var stop = await CostAsync(ns, () => sweeper.SweepAsync(), StopSweep);

        // An exclusion on a copy (which keeps keys the Deployment lost) is confirmed on the Deployment itself, whose
        // read then stands for it while the watched copy stays the same; but an annotation's removal is never copied
        // onto the ReplicaSet, so the read stands only for Sweeper:OwnerCacheMaxAge (5 min).
        stop.ShouldBe(new Dictionary<string, int> { ["get deployments"] = 1 }, "an exclusion on a copy may have been lifted since");
        (await CostAsync(ns, () => sweeper.SweepAsync(), StopSweep + Duration.FromMinutes(1))).ShouldBeEmpty("the read stands");
        (await CostAsync(ns, () => sweeper.SweepAsync(), StopSweep + Duration.FromMinutes(6))).ShouldBe(
            new Dictionary<string, int> { ["get deployments"] = 1 }, "past its age the Deployment is read again");
        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(3);
    }

    public static TheoryData<string, string> Changes => new()
    {
        { "replicas changed since the copy was read", "scale" },
        { "a Tarnfui annotation changed since the copy was read", "annotation" },
        { "an old ReplicaSet mid-rollout, whose copy is behind", "rollout" },
    };

    // Without the watch of the running ReplicaSets, so that the copy is surely the one read before the change (a watch
    // brings the change as soon as the controller copies it, and then nothing fails).
    [Theory, MemberData(nameof(Changes))]
    public async Task A_failed_test_falls_back_to_reading_the_deployment(string because, string change)
    {
        var ns = await sandbox.NamespaceAsync("fallback");
        await sandbox.DeploymentAsync(ns, "api", 3, new Dictionary<string, string> { [WellKnown.Annotations.DowntimeReplicas] = "1" });
        await sandbox.SettledAsync();

        // One pod per page: mid-rollout the old ReplicaSet's pod (named to sort first) is decided before the new ones.
        await using var sweeper = TestSweeper.Create(sandbox.Server, settings: ["--Sweeper:PageSize=1", NoWatch]);
        await CostAsync(ns, () => sweeper.SweepAsync(), LastDaySweep);
        int expectedFrom = 3, expectedTo = 1;
        switch (change)
        {
            case "scale":
                await PatchAsync(ns, """{"spec":{"replicas":4}}""");
                expectedFrom = 4;
                break;
            case "annotation":
                await PatchAsync(ns, SweeperSandbox.AnnotationPatch(WellKnown.Annotations.DowntimeReplicas, "2"));
                expectedTo = 2;
                break;
            case "rollout":
                var old = (await sandbox.Admin.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.Single();
                await PatchAsync(ns, """{"spec":{"template":{"metadata":{"labels":{"rollout":"2"}}}}}""");
                await sandbox.SettledAsync();

                // A pod of the old ReplicaSet still running, as during a rolling update; the controllers must not
                // reap it before the sweep sees it.
                using (sandbox.Server.Controllers.SeedingScope())
                {
                    var pod = PodFactory.Create(old.Spec.Template, old, "a-old-api", "node-1", StopSweep);
                    await sandbox.Admin.CoreV1.CreateNamespacedPodAsync(pod, ns);
                }

                break;
        }

        await sandbox.SettledAsync();
        SweepReport report = null!;
        var cost = await CostAsync(ns, async () => report = await sweeper.SweepAsync(), StopSweep);

        report.Stopped.ShouldContain(w => w.Namespace == ns && w.Name == "api", because);
        report.FastPathFallbacks.ShouldBeGreaterThanOrEqualTo(1, because); // the sweep is cluster-wide: other tests' workloads count too
        var api = await sandbox.ReadAsync(ns, "api");
        (api.Spec.Replicas, api.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas]).ShouldBe((expectedTo, expectedFrom.ToString(System.Globalization.CultureInfo.InvariantCulture)), because);
        (await sandbox.EventsAsync(ns)).Count(e => e.Reason == WellKnown.EventReasons.Stopped).ShouldBe(1, because);
        var expected = new Dictionary<string, int> { ["patch deployments"] = 2, ["get deployments"] = 1, ["create events"] = 1 };
        if (change == "rollout")
        {
            expected["get replicasets"] = 1; // the new ReplicaSet, first seen in this sweep
        }

        cost.ShouldBe(expected, because + ": the failed patch, the read, the patch on it, the Event");
    }

    [Fact]
    public async Task An_exclude_added_shortly_before_the_stop_sweep_is_honoured()
    {
        var ns = await sandbox.NamespaceAsync("late-exclude");
        await sandbox.DeploymentAsync(ns, "api", 3);
        await sandbox.SettledAsync();
        // Without the watch of the running ReplicaSets, the copy is surely the one read before the exclude.
        await using var sweeper = TestSweeper.Create(sandbox.Server, settings: NoWatch);
        await CostAsync(ns, () => sweeper.SweepAsync(), LastDaySweep);

        // The cached copy has no exclude; whether or not the controller has copied it yet, the patch tests it absent.
        await PatchAsync(ns, SweeperSandbox.AnnotationPatch(WellKnown.Annotations.Exclude, "true"));
        var stop = await CostAsync(ns, () => sweeper.SweepAsync(), StopSweep);

        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(3);
        (await sandbox.ReadAsync(ns, "api")).Metadata.Labels.ShouldNotContainKey(WellKnown.Labels.Stopped);
        stop.ShouldBe(new Dictionary<string, int> { ["patch deployments"] = 1, ["get deployments"] = 1 }, "the failed patch, then the read that finds the exclude");

        // The Deployment as read now stands in for the copy: the next sweeps leave it without a request.
        (await CostAsync(ns, () => sweeper.SweepAsync(), StopSweep + Duration.FromSeconds(30))).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_deployment_without_labels_fails_the_fast_patch_and_is_stopped_after_a_read()
    {
        // The copy cannot say whether the Deployment has a labels map, and adding the stopped label into a missing
        // map fails the whole patch; the read then shows the map is missing and the patch creates it.
        var ns = await sandbox.NamespaceAsync("no-labels");
        var created = await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"metadata":{"labels":null}}""", V1Patch.PatchType.MergePatch), created.Metadata.Name, ns);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        await CostAsync(ns, () => sweeper.SweepAsync(), LastDaySweep);

        var stop = await CostAsync(ns, () => sweeper.SweepAsync(), StopSweep);

        stop.ShouldBe(new Dictionary<string, int> { ["patch deployments"] = 2, ["get deployments"] = 1, ["create events"] = 1 });
        var api = await sandbox.ReadAsync(ns, "api");
        (api.Spec.Replicas, api.Metadata.Labels[WellKnown.Labels.Stopped]).ShouldBe((0, "true"));
    }

    [Fact]
    public async Task A_replicaset_without_the_controllers_annotations_is_decided_by_reading_the_deployment()
    {
        var ns = await sandbox.NamespaceAsync("no-copy");
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.SettledAsync();
        var replicaSet = (await sandbox.Admin.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.Single();
        using (sandbox.Server.Controllers.SeedingScope())
        {
            await sandbox.Admin.AppsV1.PatchNamespacedReplicaSetAsync(new V1Patch("""{"metadata":{"annotations":null}}""", V1Patch.PatchType.MergePatch), replicaSet.Metadata.Name, ns);
        }

        await using var sweeper = TestSweeper.Create(sandbox.Server);
        var stop = await CostAsync(ns, () => sweeper.SweepAsync(), StopSweep);

        stop.ShouldBe(new Dictionary<string, int> { ["get deployments"] = 1, ["patch deployments"] = 1, ["create events"] = 1 }, "its owner from the watch, its copy unusable");
        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(0);
    }

    [Fact]
    public async Task A_stopped_deployments_replicaset_leaves_the_running_view_with_the_stop_and_comes_back_with_the_restore()
    {
        var ns = await sandbox.NamespaceAsync("held");
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        await CostAsync(ns, () => sweeper.SweepAsync(), LastDaySweep);
        await RunningReplicaSetsWatchedAsync(sweeper, ns);
        var running = sweeper.Services.GetRequiredService<ClusterView>().ReplicaSets;
        var replicaSet = (await sandbox.Admin.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.Single();
        var owner = new OwnerRef(OwnerWalk.ReplicaSet, ns, replicaSet.Metadata.Name, replicaSet.Metadata.Uid);

        // The controllers do not act on the stop yet: the ReplicaSet still runs its pods, as it does in a cluster until
        // they have terminated.
        using (sandbox.Server.Controllers.SeedingScope())
        {
            var stop = await CostAsync(ns, () => sweeper.SweepAsync(), StopSweep);
            stop.ShouldBe(new Dictionary<string, int> { ["patch deployments"] = 1, ["create events"] = 1 });
            (await sandbox.Admin.AppsV1.ReadNamespacedReplicaSetAsync(replicaSet.Metadata.Name, ns)).Status.Replicas.ShouldBe(2);
            running.Find(owner).ShouldBeNull("the stopped set holds the Deployment: the view of what runs need not hold its ReplicaSet too");
        }

        sandbox.Server.Controllers.Enqueue("Deployment", ns, "api");
        await sandbox.SettledAsync();
        (await CostAsync(ns, () => sweeper.SweepAsync(), StopSweep + Duration.FromMinutes(1))).ShouldBeEmpty("a night sweep reads nothing");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        (await sweeper.SweepAsync()).Restored.Count(w => w.Namespace == ns).ShouldBe(1);
        await sandbox.SettledAsync();
        await RunningReplicaSetsWatchedAsync(sweeper, ns);
        (await CostAsync(ns, () => sweeper.SweepAsync(), LastDaySweep + Duration.FromDays(1))).ShouldBeEmpty("the next day: nothing read");
    }

    private const string NoWatch = "--Sweeper:Watch=false";

    // Until the sweeper's watch holds every ReplicaSet of the namespace that runs pods.
    private async Task RunningReplicaSetsWatchedAsync(TestSweeper sweeper, string ns)
    {
        var running = sweeper.Services.GetRequiredService<ClusterView>().ReplicaSets;
        var replicaSets = (await sandbox.Admin.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.Where(rs => rs.Status?.Replicas > 0).ToList();
        await Eventually.UntilAsync(
            () => replicaSets.All(rs => running.Find(new OwnerRef(OwnerWalk.ReplicaSet, ns, rs.Metadata.Name, rs.Metadata.Uid)) is not null), "the watch holds them");
    }

    private Task<V1Deployment> PatchAsync(string ns, string mergePatch) =>
        sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), "api", ns);

    // The sweeper's requests in the namespace (pod pages are cluster-wide and not counted), by verb and resource.
    private async Task<Dictionary<string, int>> CostAsync<T>(string ns, Func<Task<T>> sweep, Instant at)
    {
        sandbox.Server.Clock.SetTo(at);
        var before = sandbox.Server.Stats.LastSequence;
        await sweep();
        return sandbox.Server.Stats.Requests()
            .Where(r => r.Sequence > before && r.User == EmulatorUsers.Sweeper && r.Namespace == ns)
            .GroupBy(r => $"{r.Verb} {r.Resource}")
            .ToDictionary(g => g.Key, g => g.Count());
    }
}
