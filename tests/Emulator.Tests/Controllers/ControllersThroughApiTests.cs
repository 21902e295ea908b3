using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Emulator.Tests.Controllers;

[Collection("Simulation")]
public sealed class ControllersThroughApiTests(SimulationFixture fixture)
{
    [Fact]
    public async Task Kubectl_get_deploy_shows_the_pods_the_controllers_started_as_ready()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 3), ns);
        await fixture.SettledAsync();
        using var kubectl = KubectlRunner.For(fixture.Server);

        var deployments = await kubectl.SucceedAsync("get", "deploy", "-n", ns);
        var pods = await kubectl.SucceedAsync("get", "pods", "-l", "app=web", "-n", ns);

        deployments.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4].ShouldBe(["web", "3/3", "3", "3"]);
        pods.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Count(l => l.Contains("Running", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task Kubectl_scale_to_zero_removes_the_pods()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 2), ns);
        await fixture.SettledAsync();
        using var kubectl = KubectlRunner.For(fixture.Server);

        await kubectl.SucceedAsync("scale", "deploy/web", "--replicas=0", "-n", ns);
        await fixture.SettledAsync();

        (await fixture.Client.CoreV1.ListNamespacedPodAsync(ns)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_seeded_shape_lists_through_the_client_page_by_page_as_metadata()
    {
        var shape = new ClusterShape { Namespaces = 2, Deployments = 30, ZeroFraction = 0.5, RunningReplicas = 2, Nodes = 2, FinishedJobPods = 2, Seed = 7 };
        var result = fixture.Server.Seed(shape);
        await fixture.SettledAsync();
        var pods = 0;
        string? next = null;
        do
        {
            var page = await fixture.Client.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(
                limit: 7, continueParameter: next, customHeaders: new Dictionary<string, IReadOnlyList<string>> { ["Accept"] = [WellKnown.MetadataListAccept] });
            page.Body.Items.ShouldAllBe(p => p.Spec == null && p.Metadata.OwnerReferences.Count == 1);
            pods += page.Body.Items.Count(p => p.Metadata.NamespaceProperty.StartsWith("team-", StringComparison.Ordinal));
            next = page.Body.Metadata.ContinueProperty;
            page.Dispose();
        }
        while (next is not null);

        // 15 running Deployments × 2 + 2 finished Job pods, in the seeded team namespaces.
        pods.ShouldBe(32);
        result.Pods.ShouldBe(32 + 2 + 2);
        (await fixture.Client.AppsV1.ListNamespacedDeploymentAsync(ClusterSeeder.NamespaceName(0))).Items.Count.ShouldBe(15);
    }
}
