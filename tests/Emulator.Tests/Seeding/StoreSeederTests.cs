using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Store;
using Tarnfui.Emulator.Tests.Controllers;

namespace Tarnfui.Emulator.Tests.Seeding;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class StoreSeederTests : IAsyncLifetime
{
    private static readonly ClusterShape Shape = new()
    {
        Namespaces = 3,
        Deployments = 20,
        ZeroFraction = 0.75,
        RunningReplicas = 2,
        StatefulSets = 4,
        Nodes = 2,
        KubeSystemPods = 2,
        DaemonSets = 1,
        FinishedJobPods = 3,
        OperatorOwnedDeployments = 1,
        ExcludedNamespace = true,
        OwnScheduleUptime = "Mon-Fri 08:00-18:00 Europe/Berlin",
        CpuRequest = "0.25",
        MemoryRequest = "256Mi",
    };

    private ControllerHarness _cluster = null!;
    private SeedResult _result = null!;

    public async Task InitializeAsync()
    {
        _cluster = new ControllerHarness();
        _cluster.Controllers.Nodes = ClusterSeeder.NodeNames(Shape);
        using (_cluster.Controllers.SeedingScope())
        {
            _result = StoreSeeder.Seed(_cluster.Store, Shape, _cluster.Clock.GetCurrentInstant());
        }

        await _cluster.SettledAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public void The_namespaces_are_the_system_ones_the_team_ones_and_the_excluded_one()
    {
        var names = _cluster.Store.All(ResourceTypes.Namespaces).Select(n => n.Name).ToList();

        names.ShouldBe(["default", "kube-node-lease", "kube-public", "kube-system", "tarnfui", "tarnfui-excluded", "team-0001", "team-0002", "team-0003"], ignoreOrder: true);
        _cluster.Store.GetRequired(ResourceTypes.Namespaces, null, ClusterSeeder.ExcludedNamespace).As<V1Namespace>().Metadata.Annotations[WellKnown.Annotations.Exclude].ShouldBe("true");
        _result.Namespaces.ShouldBe(9);
    }

    [Fact]
    public void The_zero_fraction_of_deployments_is_at_zero_and_the_rest_run_with_their_replicas()
    {
        var apps = AllOf<V1Deployment>(ResourceTypes.Deployments).Where(d => d.Metadata.Name.StartsWith("app-", StringComparison.Ordinal)).ToList();

        apps.Count.ShouldBe(20);
        apps.Count(d => d.Spec.Replicas == 0).ShouldBe(15);
        apps.Where(d => d.Spec.Replicas != 0).ShouldAllBe(d => d.Spec.Replicas == 2 && d.Status.ReadyReplicas == 2);
        apps.Select(d => d.Metadata.NamespaceProperty).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public void Running_pods_are_the_running_workloads_replicas_plus_system_daemonset_and_job_pods()
    {
        var pods = AllOf<V1Pod>(ResourceTypes.Pods);

        // 5 apps × 2 + 1 StatefulSet × 2 + operator-owned 2 + own-schedule 2 + excluded 2 + coredns 2 + kube-proxy 2 nodes.
        pods.Count(p => p.Status.Phase == "Running").ShouldBe(22);
        pods.Count(p => p.Status.Phase == "Succeeded").ShouldBe(3);
        pods.Count(p => p.Metadata.NamespaceProperty == ClusterSeeder.KubeSystem).ShouldBe(4);
        pods.ShouldAllBe(p => p.Spec.Containers[0].Resources.Requests["cpu"].ToString() == "250m");
        _result.Pods.ShouldBe(25);
    }

    [Fact]
    public void Every_pod_points_at_a_stored_controller_with_its_uid()
    {
        var owners = new[] { ResourceTypes.ReplicaSets, ResourceTypes.StatefulSets, ResourceTypes.DaemonSets, ResourceTypes.Jobs }
            .SelectMany(t => _cluster.Store.All(t)).ToDictionary(o => o.Uid, o => o.Type.Kind);

        foreach (var pod in AllOf<V1Pod>(ResourceTypes.Pods))
        {
            var owner = pod.Metadata.OwnerReferences.ShouldHaveSingleItem();
            owner.Controller.ShouldBe(true);
            owners[owner.Uid].ShouldBe(owner.Kind, pod.Metadata.Name);
        }

        foreach (var replicaSet in AllOf<V1ReplicaSet>(ResourceTypes.ReplicaSets))
        {
            var owner = replicaSet.Metadata.OwnerReferences.ShouldHaveSingleItem();
            _cluster.Store.GetRequired(ResourceTypes.Deployments, replicaSet.Metadata.NamespaceProperty, owner.Name).Uid.ShouldBe(owner.Uid);
        }
    }

    [Fact]
    public void Operator_owned_and_own_schedule_deployments_carry_their_marks()
    {
        var operated = _cluster.Store.GetRequired(ResourceTypes.Deployments, ClusterSeeder.NamespaceName(0), "operated-0001").As<V1Deployment>();
        var own = _cluster.Store.GetRequired(ResourceTypes.Deployments, ClusterSeeder.NamespaceName(0), "own-schedule").As<V1Deployment>();

        operated.Metadata.OwnerReferences.ShouldHaveSingleItem().Controller.ShouldBe(true);
        operated.Metadata.OwnerReferences[0].Kind.ShouldBe("Database");
        own.Metadata.Annotations[WellKnown.Annotations.Uptime].ShouldBe(Shape.OwnScheduleUptime);
    }

    [Fact]
    public async Task The_controllers_find_nothing_to_change_in_a_seeded_cluster()
    {
        var version = _cluster.Store.ResourceVersion;
        foreach (var (type, kind) in new[] { (ResourceTypes.Deployments, "Deployment"), (ResourceTypes.ReplicaSets, "ReplicaSet"), (ResourceTypes.StatefulSets, "StatefulSet"), (ResourceTypes.DaemonSets, "DaemonSet"), (ResourceTypes.Jobs, "Job") })
        {
            foreach (var item in _cluster.Store.All(type))
            {
                _cluster.Controllers.Enqueue(kind, item.Namespace, item.Name);
            }
        }

        await _cluster.SettledAsync();

        _cluster.Store.ResourceVersion.ShouldBe(version);
    }

    [Fact]
    public async Task A_seeded_deployment_scales_like_any_other()
    {
        var running = AllOf<V1Deployment>(ResourceTypes.Deployments).First(d => d.Metadata.Name.StartsWith("app-", StringComparison.Ordinal) && d.Spec.Replicas == 2);
        var ns = running.Metadata.NamespaceProperty;

        _cluster.Update<V1Deployment>(ResourceTypes.Deployments, ns, running.Metadata.Name, d => d.Spec.Replicas = 3);
        await _cluster.SettledAsync();

        AllOf<V1Pod>(ResourceTypes.Pods).Count(p => p.Metadata.NamespaceProperty == ns && p.Metadata.Labels["app"] == running.Metadata.Name).ShouldBe(3);
        _cluster.Read<V1Deployment>(ns, running.Metadata.Name).Status.ReadyReplicas.ShouldBe(3);
    }

    [Fact]
    public void The_same_shape_plans_the_same_workloads()
    {
        ClusterSeeder.Workloads(Shape).Select(p => (p.Namespace, p.Name, p.Replicas))
            .ShouldBe(ClusterSeeder.Workloads(Shape).Select(p => (p.Namespace, p.Name, p.Replicas)));
    }

    private List<T> AllOf<T>(ResourceType type) => _cluster.Store.All(type).Select(o => o.As<T>()).ToList();
}
