using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Server;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Sweeping;
using Tarnfui.Sweeper.Watching;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// Nothing wasted by day: once the sweeper knows the running workloads, a daytime sweep over an unchanged cluster
/// costs its pod pages alone, whatever kind runs; a change made at day is still seen by the next sweep; and the restore
/// after a quiet spell reads nothing its own answers already said. A sandbox of its own (the Rollout CRD, and counts of
/// every request the sweeper makes, not only those of one namespace).
/// </summary>
public class DaytimeCostTests(SweeperSandbox sandbox) : IClassFixture<SweeperSandbox>
{
    // A Friday afternoon, the weekend's quiet spell, and the Monday morning after it (uptime Mon-Fri 07:00-19:00 UTC).
    private static readonly Instant FridayDay = Instant.FromUtc(2026, 11, 27, 18, 59, 0);
    private static readonly Instant FridayEvening = Instant.FromUtc(2026, 11, 27, 19, 0);
    private static readonly Instant MondayMorning = Instant.FromUtc(2026, 11, 30, 7, 0);

    [Fact]
    public async Task A_daytime_sweep_over_running_deployments_statefulsets_and_rollouts_costs_only_its_pod_pages()
    {
        await ArgoRollouts.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync("steady");
        await sandbox.DeploymentAsync(ns, "web", 2);
        await sandbox.StatefulSetAsync(ns, "db", 2);
        await ArgoRollouts.CreateAsync(sandbox.Admin, ns, "canary", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        // The first sweep learns each running workload once: its ReplicaSet (a Deployment's, a Rollout's), or the
        // workload itself (a StatefulSet, a Rollout: no ReplicaSet carries their copy).
        var started = sandbox.Server.Stats.LastSequence;
        var first = await CostAsync(sweeper, SweeperSandbox.Noon, ns);
        first.ShouldContainKeyAndValue("get statefulsets", 1);
        first.ShouldContainKeyAndValue("get rollouts", 1);
        await sandbox.SweeperWatchesOpenAsync(started);

        for (var sweep = 1; sweep <= 3; sweep++)
        {
            var day = await CostAsync(sweeper, SweeperSandbox.Noon + Duration.FromSeconds(30 * sweep), ns: null);
            day.ShouldBe(new Dictionary<string, int> { ["list pods"] = 1 }, $"daytime sweep {sweep}: the pod list, nothing per workload");
        }
    }

    [Fact]
    public async Task A_statefulset_annotation_changed_at_day_is_seen_by_the_next_sweep_without_a_read()
    {
        var ns = await sandbox.NamespaceAsync("sts-annotated");
        await sandbox.StatefulSetAsync(ns, "db", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        (await CostAsync(sweeper, SweeperSandbox.Noon, ns)).ShouldBe(new Dictionary<string, int> { ["get statefulsets"] = 1 });

        await sandbox.Admin.AppsV1.PatchNamespacedStatefulSetAsync(
            new V1Patch(SweeperSandbox.AnnotationPatch(WellKnown.Annotations.Downtime, "always"), V1Patch.PatchType.MergePatch), "db", ns);
        var db = new WorkloadRef(WorkloadKind.StatefulSet, ns, "db");
        var reads = sweeper.Services.GetRequiredService<ClusterView>().Reads;
        await Eventually.UntilAsync(() => reads.Watched(db)?.Metadata.Annotations?.ContainsKey(WellKnown.Annotations.Downtime) == true, "the watch brings the annotation");

        SweepReport report = null!;
        var cost = await CostAsync(sweeper, SweeperSandbox.Noon + Duration.FromSeconds(30), ns, r => report = r);

        report.Stopped.ShouldContain(db, "its own downtime says off-hours now");
        cost.ShouldBe(new Dictionary<string, int> { ["patch statefulsets"] = 1, ["create events"] = 1 }, ignoreOrder: true, "decided from the kept read and the watched annotations");
        var stopped = await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns);
        (stopped.Spec.Replicas, stopped.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas]).ShouldBe((0, "2"));
    }

    [Fact]
    public async Task A_statefulset_scaled_at_day_is_read_again_and_stopped_at_its_new_count()
    {
        var ns = await sandbox.NamespaceAsync("sts-scaled");
        await sandbox.StatefulSetAsync(ns, "db", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        await CostAsync(sweeper, FridayDay, ns);

        // The count is in the spec, which a metadata watch does not carry: a new generation sends the sweeper to read.
        var scaled = await sandbox.Admin.AppsV1.PatchNamespacedStatefulSetAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "db", ns);
        var db = new WorkloadRef(WorkloadKind.StatefulSet, ns, "db");
        var reads = sweeper.Services.GetRequiredService<ClusterView>().Reads;
        await Eventually.UntilAsync(() => reads.Watched(db)?.Generation == scaled.Metadata.Generation, "the watch brings the new generation");

        var stop = await CostAsync(sweeper, FridayEvening, ns);

        stop.ShouldBe(new Dictionary<string, int> { ["get statefulsets"] = 1, ["patch statefulsets"] = 1, ["create events"] = 1 }, ignoreOrder: true);
        (await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
    }

    [Fact]
    public async Task The_restore_after_a_quiet_spell_reads_nothing_its_answers_already_said()
    {
        var ns = await sandbox.NamespaceAsync("weekend");
        await sandbox.DeploymentAsync(ns, "web", 2);
        await sandbox.StatefulSetAsync(ns, "db", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        await CostAsync(sweeper, FridayDay, ns);
        (await CostAsync(sweeper, FridayEvening, ns)).ShouldBe(
            new Dictionary<string, int> { ["patch deployments"] = 1, ["patch statefulsets"] = 1, ["create events"] = 2 }, ignoreOrder: true, "the stops, from what the day learned");
        await sandbox.SettledAsync();
        for (var hours = 12; hours < 60; hours += 12)
        {
            (await CostAsync(sweeper, FridayEvening + Duration.FromHours(hours), ns)).ShouldBeEmpty($"{hours} h into the weekend");
        }

        var restore = await CostAsync(sweeper, MondayMorning, ns);

        restore.ShouldBe(new Dictionary<string, int> { ["patch deployments"] = 1, ["patch statefulsets"] = 1, ["create events"] = 2 }, ignoreOrder: true,
            "the restores alone: the pods they bring back belong to ReplicaSets and a StatefulSet the answers describe");
        await sandbox.SettledAsync();
        var reads = sweeper.Services.GetRequiredService<ClusterView>().Reads;
        await Eventually.UntilAsync(
            () => reads.Watched(new WorkloadRef(WorkloadKind.StatefulSet, ns, "db")) is { Metadata.IsStopped: false }, "the watch brings the restored StatefulSet");
        (await CostAsync(sweeper, MondayMorning + Duration.FromSeconds(30), ns)).ShouldBeEmpty("the first sweep with the pods back reads nothing either");
        (await sandbox.ReplicasAsync(ns, "web")).ShouldBe(2);
        (await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Spec.Replicas.ShouldBe(2);
    }

    [Fact]
    public async Task Daytime_sweeps_long_past_the_owner_cache_max_age_on_an_unchanged_cluster_make_only_the_pod_list_request()
    {
        var ns = await sandbox.NamespaceAsync("long-day");
        await sandbox.DeploymentAsync(ns, "web", 2);
        await sandbox.DeploymentAsync(ns, "api", 1);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        (await CostAsync(sweeper, SweeperSandbox.Noon, ns)).ShouldBeEmpty("the first sweep lists the running ReplicaSets: no read of one");
        var maxAge = Duration.FromTimeSpan(sweeper.Services.GetRequiredService<IOptions<SweeperOptions>>().Value.OwnerCacheMaxAge);

        foreach (var later in new[] { maxAge + Duration.FromMinutes(1), Duration.FromHours(1), Duration.FromHours(6) })
        {
            // The clock's jump ends the watches the server timed out, and each resumes (one request, from its last
            // version) whenever its reflector gets to it, which may fall inside the sweep or not: the sweep's own cost
            // is what it requests, lists included; a resumed watch is not one of them.
            (await CostAsync(sweeper, SweeperSandbox.Noon + later, ns: null)).Where(cost => !cost.Key.StartsWith("watch ", StringComparison.Ordinal)).ShouldBe(
                new Dictionary<string, int> { ["list pods"] = 1 }, $"{later} after the first sweep: the watch keeps every ReplicaSet's copy current");
        }
    }

    [Fact]
    public async Task Deployments_scaled_and_rolled_out_at_day_are_stopped_at_their_new_count_without_a_read()
    {
        var ns = await sandbox.NamespaceAsync("day-changes");
        await sandbox.DeploymentAsync(ns, "web", 2);
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        await CostAsync(sweeper, FridayDay - Duration.FromMinutes(10), ns);

        // A new count on the same ReplicaSet, and a new template: a new ReplicaSet, the old one scaled to zero.
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "web", ns);
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"metadata":{"annotations":{"rollout":"2"}}}}}""", V1Patch.PatchType.MergePatch), "api", ns);
        await sandbox.SettledAsync();
        var web = await CurrentReplicaSetAsync(ns, "web");
        var api = await CurrentReplicaSetAsync(ns, "api");
        api.Annotations[WellKnown.DeploymentAnnotations.Revision].ShouldBe("2", "the template change made a new ReplicaSet");
        var running = sweeper.Services.GetRequiredService<ClusterView>().ReplicaSets;
        await Eventually.UntilAsync(() => running.Find(Owner(web))?.Copy?.Replicas == 3 && running.Find(Owner(api)) is not null, "the watch brings both");

        var stop = await CostAsync(sweeper, FridayEvening, ns);

        stop.ShouldBe(new Dictionary<string, int> { ["patch deployments"] = 2, ["create events"] = 2 }, ignoreOrder: true,
            "decided from the copies the watch brought: no read, no failed patch");
        (await sandbox.ReadAsync(ns, "web")).Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
        (await sandbox.ReadAsync(ns, "api")).Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("2");
        (await sandbox.ReplicasAsync(ns, "web"), await sandbox.ReplicasAsync(ns, "api")).ShouldBe((0, 0));
    }

    [Fact]
    public async Task After_a_quiet_spell_the_sweeps_after_the_restore_read_no_replica_set_even_one_made_overnight()
    {
        var ns = await sandbox.NamespaceAsync("long-weekend");
        await sandbox.DeploymentAsync(ns, "web", 2);
        await sandbox.DeploymentAsync(ns, "api", 1);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        await CostAsync(sweeper, FridayDay, ns);
        await CostAsync(sweeper, FridayEvening, ns);
        await sandbox.SettledAsync();
        for (var hours = 12; hours < 60; hours += 12)
        {
            (await CostAsync(sweeper, FridayEvening + Duration.FromHours(hours), ns)).ShouldBeEmpty($"{hours} h into the weekend");
        }

        // A template changed over the weekend: api's new ReplicaSet is made at zero and runs only after the restore.
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"metadata":{"annotations":{"rollout":"2"}}}}}""", V1Patch.PatchType.MergePatch), "api", ns);
        await sandbox.SettledAsync();

        // The restore's own answers say what a read of web's ReplicaSet would; api's new one is read only if its pods are
        // met before the watch brings it, which depends on how fast the controllers are.
        sandbox.Server.Clock.SetTo(MondayMorning);
        (await sweeper.SweepAsync()).Restored.Count(w => w.Namespace == ns).ShouldBe(2);
        await sandbox.SettledAsync();
        var running = sweeper.Services.GetRequiredService<ClusterView>().ReplicaSets;
        var web = Owner(await CurrentReplicaSetAsync(ns, "web"));
        var api = Owner(await CurrentReplicaSetAsync(ns, "api"));
        await Eventually.UntilAsync(() => running.Find(web) is not null && running.Find(api) is not null, "the watch brings the ReplicaSets back among those that run");
        foreach (var later in new[] { Duration.FromSeconds(30), Duration.FromMinutes(10), Duration.FromHours(4) })
        {
            (await CostAsync(sweeper, MondayMorning + later, ns)).ShouldBeEmpty($"{later} after the restore");
        }

        (await sandbox.ReplicasAsync(ns, "web"), await sandbox.ReplicasAsync(ns, "api")).ShouldBe((2, 1));
    }

    // The sweeper's requests during one sweep at <paramref name="at"/>, by verb and resource: in one namespace, or, with
    // a null one, all of them (this sandbox is the test class's own).
    private async Task<Dictionary<string, int>> CostAsync(TestSweeper sweeper, Instant at, string? ns, Action<SweepReport>? report = null)
    {
        sandbox.Server.Clock.SetTo(at);
        var before = sandbox.Server.Stats.LastSequence;
        var done = await sweeper.SweepAsync();
        report?.Invoke(done);
        return sandbox.Server.Stats.Requests()
            .Where(r => r.Sequence > before && r.User == EmulatorUsers.Sweeper && (ns is null || r.Namespace == ns))
            .GroupBy(r => $"{r.Verb} {r.Resource}")
            .ToDictionary(g => g.Key, g => g.Count());
    }

    // The ReplicaSet a Deployment's pods run in now: the one with its highest revision.
    private async Task<V1ObjectMeta> CurrentReplicaSetAsync(string ns, string deployment) =>
        (await sandbox.Admin.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items
            .Select(rs => rs.Metadata)
            .Where(rs => rs.OwnerReferences?.Any(o => o.Name == deployment) == true)
            .MaxBy(rs => int.Parse(rs.Annotations[WellKnown.DeploymentAnnotations.Revision], System.Globalization.CultureInfo.InvariantCulture))!;

    private static OwnerRef Owner(V1ObjectMeta replicaSet) => new("ReplicaSet", replicaSet.NamespaceProperty, replicaSet.Name, replicaSet.Uid);
}
