using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Tests.Controllers;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ClusterControllersTests : IAsyncLifetime
{
    private const string Ns = "team-a";
    private ControllerHarness _cluster = null!;

    public Task InitializeAsync()
    {
        _cluster = new ControllerHarness(Ns);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_deployment_gets_a_replicaset_and_running_pods_that_point_back_at_it()
    {
        _cluster.Create(ResourceTypes.Deployments, ControllerHarness.Deployment(Ns, "web", 3));

        await _cluster.SettledAsync();

        var deployment = _cluster.Read<V1Deployment>(Ns, "web");
        var replicaSet = _cluster.List<V1ReplicaSet>(Ns).ShouldHaveSingleItem();
        var hash = replicaSet.Metadata.Labels[ClusterControllers.PodTemplateHashLabel];
        replicaSet.Metadata.Name.ShouldBe($"web-{hash}");
        replicaSet.Spec.Replicas.ShouldBe(3);
        var owner = replicaSet.Metadata.OwnerReferences.ShouldHaveSingleItem();
        (owner.Kind, owner.Name, owner.Uid, owner.Controller).ShouldBe(("Deployment", "web", deployment.Metadata.Uid, (bool?)true));

        var pods = _cluster.List<V1Pod>(Ns);
        pods.Count.ShouldBe(3);
        pods.ShouldAllBe(p => p.Status.Phase == "Running" && p.Metadata.Name.StartsWith($"web-{hash}-", StringComparison.Ordinal));
        pods.ShouldAllBe(p => p.Metadata.OwnerReferences.Single().Uid == replicaSet.Metadata.Uid && p.Metadata.OwnerReferences.Single().Kind == "ReplicaSet");
        pods.ShouldAllBe(p => p.Metadata.Labels["app"] == "web" && p.Metadata.Labels[ClusterControllers.PodTemplateHashLabel] == hash);
        pods.ShouldAllBe(p => p.Spec.Containers.Single().Resources.Requests["cpu"].ToString() == "250m");
        pods.Select(p => p.Spec.NodeName).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task Deployment_status_reads_ready_when_the_pods_run()
    {
        _cluster.Create(ResourceTypes.Deployments, ControllerHarness.Deployment(Ns, "web", 3));

        await _cluster.SettledAsync();

        var status = _cluster.Read<V1Deployment>(Ns, "web").Status;
        (status.Replicas, status.ReadyReplicas, status.AvailableReplicas, status.UpdatedReplicas, status.ObservedGeneration).ShouldBe((3, 3, 3, 3, 1L));
        status.Conditions.Single(c => c.Type == "Available").Status.ShouldBe("True");
    }

    [Fact]
    public async Task Scaling_down_deletes_pods_and_scaling_to_zero_deletes_them_all()
    {
        _cluster.Create(ResourceTypes.Deployments, ControllerHarness.Deployment(Ns, "web", 3));
        await _cluster.SettledAsync();

        _cluster.Update<V1Deployment>(ResourceTypes.Deployments, Ns, "web", d => d.Spec.Replicas = 1);
        await _cluster.SettledAsync();
        _cluster.List<V1Pod>(Ns).Count.ShouldBe(1);

        _cluster.Update<V1Deployment>(ResourceTypes.Deployments, Ns, "web", d => d.Spec.Replicas = 0);
        await _cluster.SettledAsync();
        _cluster.List<V1Pod>(Ns).ShouldBeEmpty();
        var deployment = _cluster.Read<V1Deployment>(Ns, "web");
        (deployment.Status.Replicas, deployment.Status.ReadyReplicas, deployment.Status.ObservedGeneration).ShouldBe((null, null, 3L));
        _cluster.List<V1ReplicaSet>(Ns).Single().Spec.Replicas.ShouldBe(0);
    }

    [Fact]
    public async Task A_template_change_makes_a_new_replicaset_and_scales_the_old_one_to_zero()
    {
        _cluster.Create(ResourceTypes.Deployments, ControllerHarness.Deployment(Ns, "web", 2));
        await _cluster.SettledAsync();
        var first = _cluster.List<V1ReplicaSet>(Ns).Single().Metadata.Name;

        _cluster.Update<V1Deployment>(ResourceTypes.Deployments, Ns, "web", d => d.Spec.Template.Spec.Containers[0].Image = "nginx:1.28");
        await _cluster.SettledAsync();

        var sets = _cluster.List<V1ReplicaSet>(Ns);
        sets.Count.ShouldBe(2);
        sets.Single(rs => rs.Metadata.Name == first).Spec.Replicas.ShouldBe(0);
        var second = sets.Single(rs => rs.Metadata.Name != first);
        second.Spec.Replicas.ShouldBe(2);
        second.Metadata.Annotations[ClusterControllers.RevisionAnnotation].ShouldBe("2");
        _cluster.List<V1Pod>(Ns).ShouldAllBe(p => p.Metadata.OwnerReferences.Single().Name == second.Metadata.Name);
        _cluster.List<V1Pod>(Ns).Count.ShouldBe(2);
    }

    [Fact]
    public async Task The_current_replicaset_carries_the_deployments_annotations_revision_and_desired_count()
    {
        var deployment = ControllerHarness.Deployment(Ns, "web", 2);
        deployment.Metadata.Annotations = new Dictionary<string, string>
        {
            [WellKnown.Annotations.Uptime] = "Mon-Fri 08:00-18:00 UTC",
            [DeploymentControllerAnnotations.LastAppliedConfiguration] = "{}",
        };
        _cluster.Create(ResourceTypes.Deployments, deployment);
        await _cluster.SettledAsync();

        _cluster.Read<V1Deployment>(Ns, "web").Metadata.Annotations[WellKnown.DeploymentAnnotations.Revision].ShouldBe("1");
        var first = _cluster.List<V1ReplicaSet>(Ns).Single().Metadata.Annotations;
        first[WellKnown.Annotations.Uptime].ShouldBe("Mon-Fri 08:00-18:00 UTC");
        first[WellKnown.DeploymentAnnotations.Revision].ShouldBe("1");
        first[WellKnown.DeploymentAnnotations.DesiredReplicas].ShouldBe("2");
        first.ShouldNotContainKey(DeploymentControllerAnnotations.LastAppliedConfiguration, "kubectl's record is not copied");

        // An annotation change alone syncs the Deployment: the copy follows, and a removed key stays on the
        // ReplicaSet, as copyDeploymentAnnotationsToReplicaSet only adds and overwrites.
        _cluster.Update<V1Deployment>(ResourceTypes.Deployments, Ns, "web", d =>
        {
            d.Metadata.Annotations.Remove(WellKnown.Annotations.Uptime);
            d.Metadata.Annotations[WellKnown.Annotations.Exclude] = "true";
            d.Spec.Replicas = 3;
        });
        await _cluster.SettledAsync();

        var copy = _cluster.List<V1ReplicaSet>(Ns).Single().Metadata.Annotations;
        copy[WellKnown.Annotations.Exclude].ShouldBe("true");
        copy[WellKnown.Annotations.Uptime].ShouldBe("Mon-Fri 08:00-18:00 UTC");
        copy[WellKnown.DeploymentAnnotations.DesiredReplicas].ShouldBe("3");
    }

    [Fact]
    public async Task A_rollout_moves_the_revision_on_the_deployment_and_leaves_the_old_copy_behind()
    {
        _cluster.Create(ResourceTypes.Deployments, ControllerHarness.Deployment(Ns, "web", 2));
        await _cluster.SettledAsync();
        var first = _cluster.List<V1ReplicaSet>(Ns).Single().Metadata.Name;

        _cluster.Update<V1Deployment>(ResourceTypes.Deployments, Ns, "web", d =>
        {
            d.Spec.Template.Spec.Containers[0].Image = "nginx:1.28";
            d.Metadata.Annotations ??= new Dictionary<string, string>();
            d.Metadata.Annotations[WellKnown.Annotations.DowntimeReplicas] = "1";
        });
        await _cluster.SettledAsync();

        _cluster.Read<V1Deployment>(Ns, "web").Metadata.Annotations[WellKnown.DeploymentAnnotations.Revision].ShouldBe("2");
        var sets = _cluster.List<V1ReplicaSet>(Ns);
        var old = sets.Single(rs => rs.Metadata.Name == first).Metadata.Annotations;
        old[WellKnown.DeploymentAnnotations.Revision].ShouldBe("1");
        old.ShouldNotContainKey(WellKnown.Annotations.DowntimeReplicas);
        sets.Single(rs => rs.Metadata.Name != first).Metadata.Annotations[WellKnown.Annotations.DowntimeReplicas].ShouldBe("1");
    }

    [Fact]
    public async Task A_deleted_pod_is_replaced()
    {
        _cluster.Create(ResourceTypes.Deployments, ControllerHarness.Deployment(Ns, "web", 2));
        await _cluster.SettledAsync();
        var victim = _cluster.List<V1Pod>(Ns)[0].Metadata.Name;

        _cluster.Store.Delete(ResourceTypes.Pods, Ns, victim);
        await _cluster.SettledAsync();

        var pods = _cluster.List<V1Pod>(Ns);
        pods.Count.ShouldBe(2);
        pods.ShouldNotContain(p => p.Metadata.Name == victim);
    }

    [Fact]
    public async Task Deleting_a_deployment_collects_its_replicasets_and_pods()
    {
        _cluster.Create(ResourceTypes.Deployments, ControllerHarness.Deployment(Ns, "web", 2));
        await _cluster.SettledAsync();

        _cluster.Store.Delete(ResourceTypes.Deployments, Ns, "web");
        await _cluster.SettledAsync();

        _cluster.List<V1ReplicaSet>(Ns).ShouldBeEmpty();
        _cluster.List<V1Pod>(Ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_statefulset_gets_ordinal_pods_and_loses_the_highest_on_scale_down()
    {
        _cluster.Create(ResourceTypes.StatefulSets, new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = Ns },
            Spec = new V1StatefulSetSpec { Replicas = 3, ServiceName = "db", Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } }, Template = ControllerHarness.Template("db") },
        });
        await _cluster.SettledAsync();
        _cluster.List<V1Pod>(Ns).Select(p => p.Metadata.Name).Order().ShouldBe(["db-0", "db-1", "db-2"]);
        _cluster.Read<V1StatefulSet>(Ns, "db").Status.ReadyReplicas.ShouldBe(3);

        _cluster.Update<V1StatefulSet>(ResourceTypes.StatefulSets, Ns, "db", s => s.Spec.Replicas = 1);
        await _cluster.SettledAsync();

        _cluster.List<V1Pod>(Ns).Select(p => p.Metadata.Name).ShouldBe(["db-0"]);
        var pod = _cluster.Read<V1Pod>(Ns, "db-0");
        pod.Metadata.OwnerReferences.Single().Kind.ShouldBe("StatefulSet");
        pod.Metadata.Labels[ClusterControllers.StatefulSetPodNameLabel].ShouldBe("db-0");
    }

    [Fact]
    public async Task A_daemonset_runs_one_pod_per_node()
    {
        _cluster.Create(ResourceTypes.DaemonSets, new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = "agent", NamespaceProperty = Ns },
            Spec = new V1DaemonSetSpec { Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } }, Template = ControllerHarness.Template("agent") },
        });

        await _cluster.SettledAsync();

        _cluster.List<V1Pod>(Ns).Select(p => p.Spec.NodeName).Order().ShouldBe(["node-a", "node-b"]);
        var status = _cluster.Read<V1DaemonSet>(Ns, "agent").Status;
        (status.DesiredNumberScheduled, status.NumberReady).ShouldBe((2, 2));
    }

    [Fact]
    public async Task A_job_leaves_succeeded_pods_and_completes()
    {
        _cluster.Create(ResourceTypes.Jobs, new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "nightly", NamespaceProperty = Ns },
            Spec = new V1JobSpec { Completions = 2, Template = ControllerHarness.Template("nightly") },
        });

        await _cluster.SettledAsync();

        var pods = _cluster.List<V1Pod>(Ns);
        pods.Count.ShouldBe(2);
        pods.ShouldAllBe(p => p.Status.Phase == "Succeeded" && p.Metadata.Labels[ClusterControllers.JobNameLabel] == "nightly");
        var job = _cluster.Read<V1Job>(Ns, "nightly");
        job.Status.Succeeded.ShouldBe(2);
        job.Status.Conditions.Single().Type.ShouldBe("Complete");
    }

    [Fact]
    public async Task A_settled_cluster_is_left_alone()
    {
        _cluster.Create(ResourceTypes.Deployments, ControllerHarness.Deployment(Ns, "web", 2));
        await _cluster.SettledAsync();
        var version = _cluster.Store.ResourceVersion;

        _cluster.Controllers.Enqueue("Deployment", Ns, "web");
        await _cluster.SettledAsync();

        _cluster.Store.ResourceVersion.ShouldBe(version);
    }
}
