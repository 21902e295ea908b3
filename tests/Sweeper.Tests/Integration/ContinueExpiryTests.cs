using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// A stop sweep whose own writes outrun the API server's history: the continue token of the pod walk expires (410)
/// and the walk starts again from the first page, skipping what it already handled, until it reaches the last page.
/// The emulator keeps one change of history and runs no controllers, so each stop (a patch and an Event: two changes)
/// expires the token of the page after it, and nothing else changes the cluster while the walk goes on.
/// </summary>
public sealed class ContinueExpiryTests
{
    [Fact]
    public async Task A_walk_whose_continue_token_expires_after_each_stop_still_stops_every_workload()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = SweeperSandbox.Evening, Speed = 0, WatchHistory = 1, EmulateControllers = false });
        using var admin = server.CreateClient();
        const string ns = "walk";
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = WellKnown.Objects.Namespace } });
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        string[] names = ["a", "b", "c", "d"];
        foreach (var name in names)
        {
            await RunningDeploymentAsync(admin, ns, name);
        }

        // One pod per page: every page after a stop meets an expired token.
        await using var sweeper = TestSweeper.Create(server, settings: "--Sweeper:PageSize=1");
        var report = await sweeper.SweepAsync();

        report.Stopped.Select(w => w.Name).Order(StringComparer.Ordinal).ShouldBe(names);
        report.Complete.ShouldBeTrue();
        foreach (var name in names)
        {
            (await admin.AppsV1.ReadNamespacedDeploymentAsync(name, ns)).Spec.Replicas.ShouldBe(0, name);
        }

        // Each restart walked the pages of the workloads already handled again, and no workload twice.
        report.PodPages.ShouldBe(1 + 2 + 3 + 4, "four walks, each one page further than the last; the expired pages are not counted");
        report.Writes.ShouldBe(names.Length);
    }

    // A Deployment, its ReplicaSet and one running pod, as the controllers would leave them (they do not run here).
    private static async Task RunningDeploymentAsync(Kubernetes admin, string ns, string name)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        var template = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = labels },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "registry.example/" + name + ":1" }] },
        };
        var deployment = await admin.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labels },
            Spec = new V1DeploymentSpec { Replicas = 1, Selector = new V1LabelSelector { MatchLabels = labels }, Template = template },
        }, ns);
        var replicaSet = await admin.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta
            {
                Name = name + "-1",
                Labels = labels,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = name, Uid = deployment.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
            },
            Spec = new V1ReplicaSetSpec { Replicas = 1, Selector = new V1LabelSelector { MatchLabels = labels }, Template = template },
        }, ns);
        await admin.CoreV1.CreateNamespacedPodAsync(PodFactory.Create(template, replicaSet, name + "-1-pod", "node-1", SweeperSandbox.Evening), ns);
    }
}
