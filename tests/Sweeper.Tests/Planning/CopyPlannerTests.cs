using k8s.Models;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

public class CopyPlannerTests
{
    private static readonly Instant Evening = StopPlannerTests.Evening;
    private static readonly Instant Morning = StopPlannerTests.Morning;
    private static readonly PolicyResolver Policy = StopPlannerTests.Policy;

    private const string Exclude = WellKnown.Annotations.Exclude;
    private const string Uptime = WellKnown.Annotations.Uptime;
    private const string DowntimeReplicas = WellKnown.Annotations.DowntimeReplicas;
    private const string Original = WellKnown.Annotations.OriginalReplicas;

    // case, instant, copied annotations, exact copy, namespace annotations, expected plan
    public static TheoryData<string, string, string, bool, string, string> Cases => new()
    {
        { "running in the evening is stopped from the copy", "evening", "", false, "", nameof(StopPlan.ScaleDown) },
        { "working hours leave it without a read", "morning", "", false, "", nameof(StopPlan.Leave) },
        { "its own uptime by day needs no read either", "morning", $"{Uptime}=Mon-Fri 07:00-22:00 UTC", false, "", nameof(StopPlan.Leave) },
        { "an excluded namespace leaves it without a read", "evening", "", false, $"{Exclude}=true", nameof(StopPlan.Leave) },
        { "its own exclude may be a leftover: read first", "evening", $"{Exclude}=true", false, "", nameof(StopPlan.ReadFirst) },
        { "its own late uptime may be a leftover: read first", "evening", $"{Uptime}=Mon-Fri 07:00-22:00 UTC", false, "", nameof(StopPlan.ReadFirst) },
        { "its own downtime count may be a leftover: read first", "evening", $"{DowntimeReplicas}=5", false, "", nameof(StopPlan.ReadFirst) },
        { "an exclude read from the Deployment itself is trusted", "evening", $"{Exclude}=true", true, "", nameof(StopPlan.Leave) },
        { "an unreadable copy is read before warning", "evening", $"{Uptime}=Mon-Fry 07:00-19:00", false, "", nameof(StopPlan.ReadFirst) },
        { "an unreadable Deployment warns", "evening", $"{Uptime}=Mon-Fry 07:00-19:00", true, "", nameof(StopPlan.Invalid) },
        { "state left on the copy by an earlier stop and restore is ignored", "evening", $"{Original}=2;{WellKnown.Annotations.StoppedAt}=2026-11-20T19:00:00Z", false, "", nameof(StopPlan.ScaleDown) },
        { "state read from the Deployment itself is trusted", "evening", $"{Original}=2", true, "", nameof(StopPlan.Leave) },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Plan_follows_the_table(string because, string at, string annotations, bool exact, string namespaceAnnotations, string expected)
    {
        var copy = Copy(annotations) with { Exact = exact };

        var plan = CopyPlanner.Plan(copy, StopPlannerTests.Map(namespaceAnnotations), Policy, at == "evening" ? Evening : Morning);

        plan.GetType().Name.ShouldBe(expected, because);
    }

    [Fact]
    public void A_stop_from_the_copy_tests_uid_owners_count_revision_and_every_tarnfui_key()
    {
        var copy = Copy($"{DowntimeReplicas}=1;tarnfui.io/note=x;team=shop");

        var stop = CopyPlanner.Plan(copy, null, Policy, Evening).ShouldBeOfType<StopPlan.ScaleDown>();

        (stop.From, stop.To).ShouldBe((3, 1));
        var tests = stop.Preconditions.ShouldNotBeNull();
        (tests.Uid, tests.Replicas, tests.ResourceVersion, tests.NoOwnerReferences).ShouldBe(("d-uid", 3, (string?)null, true));
        tests.Labels.ShouldBe([KeyValuePair.Create(WellKnown.Labels.Stopped, (string?)null)]);
        var annotations = tests.Annotations.ToDictionary(a => a.Key, a => a.Value);
        annotations[WellKnown.DeploymentAnnotations.Revision].ShouldBe("4");
        annotations[DowntimeReplicas].ShouldBe("1");
        annotations["tarnfui.io/note"].ShouldBe("x", "any Tarnfui key seen is tested");
        annotations.ShouldNotContainKey("team", "other keys do not decide");
        foreach (var key in WellKnown.Annotations.Decisive.Where(k => k != DowntimeReplicas))
        {
            annotations[key].ShouldBeNull($"{key} is absent from the copy, so it must be absent from the Deployment");
        }
    }

    // Issue 22: a kube-downscaler key written on the Deployment reaches the ReplicaSet's copy only when the controller
    // next syncs it; a stop planned from a copy without it must fail on a Deployment that has it.
    [Fact]
    public void With_compatibility_a_stop_from_the_copy_tests_each_kube_downscaler_key_it_lacks_absent()
    {
        var compatible = new PolicyResolver(GlobalPolicy.Create(new ScheduleOptions(), new PolicyOptions { KubeDownscalerAnnotations = true }).Value);
        var copy = Copy($"{DowntimeReplicas}=2;{WellKnown.KubeDownscaler.DowntimeReplicas}=1");

        var stop = CopyPlanner.Plan(copy, null, compatible, Evening).ShouldBeOfType<StopPlan.ScaleDown>();

        var annotations = stop.Preconditions.ShouldNotBeNull().Annotations.ToDictionary(a => a.Key, a => a.Value);
        annotations[WellKnown.KubeDownscaler.DowntimeReplicas].ShouldBe("1");
        foreach (var key in KubeDownscalerMapping.Equivalents.Values.Where(k => k != WellKnown.KubeDownscaler.DowntimeReplicas))
        {
            annotations[key].ShouldBeNull($"{key} is absent from the copy, so it must be absent from the Deployment");
        }
    }

    [Fact]
    public void Without_compatibility_kube_downscaler_keys_the_copy_lacks_are_not_tested()
    {
        var stop = CopyPlanner.Plan(Copy(""), null, Policy, Evening).ShouldBeOfType<StopPlan.ScaleDown>();

        stop.Preconditions.ShouldNotBeNull().Annotations.Select(a => a.Key).ShouldNotContain(k => KubeDownscalerMapping.IsKubeDownscalerKey(k));
    }

    [Fact]
    public void Leftover_state_on_the_copy_is_tested_absent()
    {
        var copy = Copy($"{Original}=2;{WellKnown.Annotations.StoppedAt}=2026-11-20T19:00:00Z");

        var stop = CopyPlanner.Plan(copy, null, Policy, Evening).ShouldBeOfType<StopPlan.ScaleDown>();

        var annotations = stop.Preconditions.ShouldNotBeNull().Annotations.ToDictionary(a => a.Key, a => a.Value);
        annotations[Original].ShouldBeNull();
        annotations[WellKnown.Annotations.StoppedAt].ShouldBeNull();
    }

    [Fact]
    public void The_copy_is_read_from_the_replicaset_metadata_without_the_controllers_own_keys()
    {
        var copy = ReplicaSetCopy.Read(ReplicaSet(new Dictionary<string, string>
        {
            [WellKnown.DeploymentAnnotations.Revision] = "4",
            [WellKnown.DeploymentAnnotations.DesiredReplicas] = "3",
            [Exclude] = "false",
        })).ShouldNotBeNull();

        copy.Deployment.ShouldBe(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"));
        (copy.Uid, copy.Revision, copy.Replicas, copy.Exact).ShouldBe(("d-uid", "4", 3, false));
        copy.Annotations.Keys.ShouldBe([Exclude]);
    }

    [Fact]
    public void Versions_of_a_watched_replicaset_share_one_instance_of_its_deployment()
    {
        var annotations = new Dictionary<string, string> { [WellKnown.DeploymentAnnotations.Revision] = "4", [WellKnown.DeploymentAnnotations.DesiredReplicas] = "3" };
        var first = WatchedReplicaSet.Of(ReplicaSet(annotations), null);
        first.Copy.ShouldNotBeNull().Deployment.ShouldBeSameAs(first.Workload);

        // The stop's write: the deployment controller copies the count and the record onto the ReplicaSet.
        var next = WatchedReplicaSet.Of(ReplicaSet(new(annotations) { [WellKnown.DeploymentAnnotations.DesiredReplicas] = "0", [Original] = "3" }), first);

        next.ShouldNotBeSameAs(first);
        next.Workload.ShouldBeSameAs(first.Workload);
        next.Copy.ShouldNotBeNull().Deployment.ShouldBeSameAs(first.Workload);
        next.Copy.Replicas.ShouldBe(0);
    }

    public static TheoryData<string, Dictionary<string, string>?> Unusable => new()
    {
        { "no annotations at all", null },
        { "no revision", new() { [WellKnown.DeploymentAnnotations.DesiredReplicas] = "3" } },
        { "no desired replicas", new() { [WellKnown.DeploymentAnnotations.Revision] = "1" } },
        { "unreadable desired replicas", new() { [WellKnown.DeploymentAnnotations.Revision] = "1", [WellKnown.DeploymentAnnotations.DesiredReplicas] = "many" } },
    };

    [Theory, MemberData(nameof(Unusable))]
    public void A_replicaset_without_the_controllers_annotations_gives_no_copy(string because, Dictionary<string, string>? annotations) =>
        ReplicaSetCopy.Read(ReplicaSet(annotations)).ShouldBeNull(because);

    [Fact]
    public void Candidates_take_the_copy_of_the_newest_replicaset_in_the_page()
    {
        var owners = new OwnerCache();
        owners.Set("rs-old", Copy("") with { Revision = "3" });
        owners.Set("rs-new", Copy("") with { Revision = "4" });
        var page = new[]
        {
            Pods.Owned("shop", "api-old-1", "ReplicaSet", "api-old", "rs-old"),
            Pods.Owned("shop", "api-new-1", "ReplicaSet", "api-new", "rs-new"),
            Pods.Owned("shop", "db-0", "StatefulSet", "db", "ss-1"),
        };
        var handled = new HashSet<WorkloadRef>();

        var candidates = CopyPlanner.Candidates(RunningPod.Page(page), owners, _ => false, handled);

        candidates.Select(c => (c.Workload.Name, c.ReplicaSet?.Uid, c.Copy?.Revision)).ShouldBe([("api", "rs-new", "4"), ("db", null, null)]);
        CopyPlanner.Candidates(RunningPod.Page(page), owners, _ => false, handled).ShouldBeEmpty("a workload is handled once per sweep");
    }

    [Fact]
    public void Candidates_are_distinct_workloads_across_replica_sets_and_pages()
    {
        var owners = new OwnerCache();
        var api = new WorkloadRef(WorkloadKind.Deployment, "shop", "api");
        owners.Set("rs-old", api);
        owners.Set("rs-new", api);
        var handled = new HashSet<WorkloadRef>();
        var first = new[]
        {
            Pods.Owned("shop", "api-a", "ReplicaSet", "api-1", "rs-old"),
            Pods.Owned("shop", "api-b", "ReplicaSet", "api-2", "rs-new"),
            Pods.Owned("shop", "db-0", "StatefulSet", "db", "sts"),
            Pods.Owned("shop", "agent-x", "DaemonSet", "agent", "ds"),
            Pods.Owned("shop", "job-x", "Job", "nightly", "job", apiVersion: "batch/v1"),
            Pods.Bare("shop", "debug"),
        };
        var second = new[] { Pods.Owned("shop", "api-c", "ReplicaSet", "api-2", "rs-new"), Pods.Owned("shop", "db-1", "StatefulSet", "db", "sts") };

        var fromFirst = CopyPlanner.Candidates(RunningPod.Page(first), owners, _ => false, handled).Select(c => c.Workload);
        var fromSecond = CopyPlanner.Candidates(RunningPod.Page(second), owners, _ => false, handled);

        // A Job's pods lead to it here; the stop pass hands them over only with Sweeper:SuspendJobs (JobPods).
        fromFirst.ShouldBe([api, new WorkloadRef(WorkloadKind.StatefulSet, "shop", "db"), new WorkloadRef(WorkloadKind.Job, "shop", "nightly")]);
        fromSecond.ShouldBeEmpty();
    }

    [Fact]
    public void Candidates_skip_workloads_the_stopped_set_holds()
    {
        var page = new[] { Pods.Owned("shop", "db-0", "StatefulSet", "db", "sts") };

        CopyPlanner.Candidates(RunningPod.Page(page), new OwnerCache(), _ => true, new HashSet<WorkloadRef>()).ShouldBeEmpty();
    }

    [Fact]
    public void Candidates_skip_replica_sets_no_deployment_controls()
    {
        var owners = new OwnerCache();
        owners.Set("rs-orphan", (WorkloadRef?)null);
        var page = new[] { Pods.Owned("shop", "p", "ReplicaSet", "orphan", "rs-orphan") };

        CopyPlanner.Candidates(RunningPod.Page(page), owners, _ => false, new HashSet<WorkloadRef>()).ShouldBeEmpty();
    }

    [Fact]
    public void Owner_entries_age_out_and_a_failed_copy_is_read_again()
    {
        var owners = new OwnerCache(Duration.FromMinutes(5));
        owners.BeginSweep(Evening);
        owners.Set("rs-1", Copy(""));
        owners.Set("rs-2", Copy(""));
        owners.ReadThisSweep("rs-1").ShouldBeTrue();

        owners.BeginSweep(Evening + Duration.FromMinutes(2));
        (owners.Contains("rs-1"), owners.ReadThisSweep("rs-1")).ShouldBe((true, false), "younger than half the maximum age");
        owners.Invalidate("rs-2");
        owners.Contains("rs-2").ShouldBeFalse("a copy whose patch failed is read again");

        owners.BeginSweep(Evening + Duration.FromMinutes(5));
        owners.Contains("rs-1").ShouldBeFalse("older than the maximum age");
        owners.Copy("rs-1").ShouldNotBeNull("an aged entry still answers until it is read again");
    }

    [Fact]
    public void Entries_read_together_come_due_over_the_second_half_of_the_maximum_age()
    {
        var owners = new OwnerCache(Duration.FromMinutes(5));
        owners.BeginSweep(Evening);
        var uids = Enumerable.Range(0, 200).Select(i => $"rs-{i:x8}-uid").ToList();
        uids.ForEach(uid => owners.Set(uid, Copy("")));

        int FreshAfter(double minutes)
        {
            owners.BeginSweep(Evening + Duration.FromSeconds(minutes * 60));
            return uids.Count(owners.Contains);
        }

        FreshAfter(2.4).ShouldBe(200);
        FreshAfter(3.75).ShouldBeInRange(50, 150, "about half are due three quarters of the way");
        FreshAfter(5).ShouldBe(0);
    }

    private static ReplicaSetCopy Copy(string annotations) =>
        new(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"), "d-uid", "4", 3, StopPlannerTests.Map(annotations) ?? new Dictionary<string, string>());

    private static V1ObjectMeta ReplicaSet(Dictionary<string, string>? annotations)
    {
        var metadata = Pods.Owned("shop", "api-7f9c", "Deployment", "api", "d-uid");
        metadata.Annotations = annotations;
        return metadata;
    }
}
