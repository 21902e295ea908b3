using System.Text.Json;
using k8s;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Controllers;

/// <summary>
/// The emulated Argo Rollout controller, with the reduced Rollout CRD installed by kubectl: one ReplicaSet owned by the
/// Rollout and labelled with its pod-template hash, spec.replicas pods through it, kept in step through /scale, and
/// a status the scale subresource reads.
/// </summary>
[Collection("Simulation")]
public sealed class RolloutControllerTests(SimulationFixture fixture)
{
    [Fact]
    public async Task A_rollout_runs_its_replicas_through_one_owned_replica_set_and_follows_kubectl_scale()
    {
        await ArgoRollouts.InstallAsync(fixture.Server);
        var ns = await fixture.CreateNamespaceAsync();
        using var kubectl = KubectlRunner.For(fixture.Server);
        await kubectl.SucceedAsync("apply", "-f", kubectl.WriteFile("web.yaml", ArgoRollouts.Manifest(ns, "web", 3)));
        await fixture.SettledAsync();

        var replicaSet = (await fixture.Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.ShouldHaveSingleItem();
        var owner = replicaSet.Metadata.OwnerReferences.ShouldHaveSingleItem();
        (owner.ApiVersion, owner.Kind, owner.Name, owner.Controller).ShouldBe(("argoproj.io/v1alpha1", "Rollout", "web", (bool?)true));
        replicaSet.Metadata.Labels.ShouldContainKey(ClusterControllers.RolloutPodTemplateHashLabel);
        replicaSet.Spec.Replicas.ShouldBe(3);
        (await RunningPodsAsync(ns)).ShouldBe(3);
        var status = await StatusAsync(ns, "web");
        (status.GetProperty("replicas").GetInt32(), status.GetProperty("HPAReplicas").GetInt32(), status.GetProperty("selector").GetString()).ShouldBe((3, 3, "app=web"));

        await kubectl.SucceedAsync("scale", "rollout/web", "--replicas=1", "-n", ns);
        await fixture.SettledAsync();

        (await RunningPodsAsync(ns)).ShouldBe(1);
        (await fixture.Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.ShouldHaveSingleItem().Spec.Replicas.ShouldBe(1);

        await kubectl.SucceedAsync("delete", "rollout/web", "-n", ns);
        await fixture.SettledAsync();

        (await fixture.Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.ShouldBeEmpty("the Rollout's ReplicaSets go with it");
    }

    private async Task<int> RunningPodsAsync(string ns) =>
        (await fixture.Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase is not ("Succeeded" or "Failed"));

    private async Task<JsonElement> StatusAsync(string ns, string name)
    {
        var body = await fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync(ArgoRollouts.Group, ArgoRollouts.Version, ns, ArgoRollouts.Plural, name);
        return (body is JsonElement element ? element : JsonSerializer.SerializeToElement(body)).GetProperty("status");
    }
}
