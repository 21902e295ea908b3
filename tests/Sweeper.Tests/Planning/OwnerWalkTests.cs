using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

public class OwnerWalkTests
{
    // case, kind, apiVersion, controller, expected kind (null = ignored)
    public static TheoryData<string, string, string, bool, string?> Controllers => new()
    {
        { "ReplicaSet controller is followed", "ReplicaSet", "apps/v1", true, "ReplicaSet" },
        { "StatefulSet controller is followed", "StatefulSet", "apps/v1", true, "StatefulSet" },
        { "DaemonSet pods are ignored", "DaemonSet", "apps/v1", true, null },
        { "Job controller is followed (the stop pass walks it only with Sweeper:SuspendJobs)", "Job", "batch/v1", true, "Job" },
        { "a Job kind of another API group is ignored", "Job", "example.com/v1", true, null },
        { "an owner that is not the controller is ignored", "ReplicaSet", "apps/v1", false, null },
        { "a ReplicaSet kind of another API group is ignored", "ReplicaSet", "example.com/v1", true, null },
    };

    [Theory, MemberData(nameof(Controllers))]
    public void ControllerOf_follows_only_the_controllers_of_known_kinds(string because, string kind, string apiVersion, bool controller, string? expected)
    {
        var pod = Pods.Owned("shop", "p", kind, "owner", "u1", apiVersion, controller);

        OwnerWalk.ControllerOf(pod)?.Kind.ShouldBe(expected, because);
        if (expected is null)
        {
            OwnerWalk.ControllerOf(pod).ShouldBeNull(because);
        }
    }

    [Fact]
    public void A_Job_pod_leads_to_its_Job_and_is_told_apart_for_the_opt_in()
    {
        var pod = Pods.Owned("shop", "backfill-x7k2p", "Job", "backfill", "j1", "batch/v1");
        var statefulPod = Pods.Owned("shop", "db-0", "StatefulSet", "db", "s1", "apps/v1");

        OwnerWalk.WorkloadOf(RunningPod.Of(pod), new OwnerCache()).ShouldBe(new WorkloadRef(WorkloadKind.Job, "shop", "backfill"));
        (JobPods.IsJobPod(RunningPod.Of(pod)), JobPods.IsJobPod(RunningPod.Of(statefulPod)), JobPods.IsJobPod(RunningPod.Of(Pods.Bare("shop", "p")))).ShouldBe((true, false, false));
    }

    [Fact]
    public void Bare_pods_have_no_controller() =>
        OwnerWalk.ControllerOf(Pods.Bare("shop", "p")).ShouldBeNull();

    public static TheoryData<string, string, string, WorkloadKind?> ReplicaSetOwners => new()
    {
        { "a Deployment", "Deployment", "apps/v1", WorkloadKind.Deployment },
        { "an Argo Rollout", "Rollout", "argoproj.io/v1alpha1", WorkloadKind.Rollout },
        { "a Rollout of another API", "Rollout", "example.com/v1", null },
        { "a Deployment of another API", "Deployment", "example.com/v1", null },
        { "a StatefulSet, which owns no ReplicaSet", "StatefulSet", "apps/v1", null },
    };

    [Theory, MemberData(nameof(ReplicaSetOwners))]
    public void Replica_set_metadata_names_the_workload_that_controls_it(string because, string kind, string apiVersion, WorkloadKind? expected)
    {
        var replicaSet = Pods.Owned("shop", "api-5d8", kind, "api", "d1", apiVersion);

        OwnerWalk.WorkloadOfReplicaSet(replicaSet).ShouldBe(expected is null ? null : new WorkloadRef(expected, "shop", "api"), because);
    }

    [Fact]
    public void A_replica_set_without_a_deployment_leads_nowhere() =>
        OwnerWalk.WorkloadOfReplicaSet(Pods.Bare("shop", "hand-made-rs")).ShouldBeNull();

    [Fact]
    public void The_cache_forgets_replica_sets_no_running_pod_pointed_at()
    {
        var owners = new OwnerCache();
        var api = new WorkloadRef(WorkloadKind.Deployment, "shop", "api");
        owners.Set("old", api);
        owners.Set("new", api);

        owners.BeginSweep();
        owners.Find("new");
        owners.EvictUnseen().ShouldBe(1);

        owners.Contains("old").ShouldBeFalse();
        owners.Contains("new").ShouldBeTrue();
    }
}
