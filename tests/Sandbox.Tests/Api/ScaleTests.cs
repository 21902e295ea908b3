using k8s;
using k8s.Models;
using Tarnfui.Sandbox.Tests.Hosting;

namespace Tarnfui.Sandbox.Tests.Api;

[Collection("Sandbox")]
public sealed class ScaleTests(SandboxFixture fixture)
{
    private readonly Kubernetes _client = fixture.Client;

    [Fact]
    public async Task Scale_of_a_deployment_reads_replicas_and_selector()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 3), ns);

        var scale = await _client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", ns);

        scale.Kind.ShouldBe("Scale");
        scale.ApiVersion.ShouldBe("autoscaling/v1");
        scale.Spec.Replicas.ShouldBe(3);
        scale.Status.Selector.ShouldBe("app=web");
    }

    [Fact]
    public async Task Patching_scale_changes_the_deployment_replicas()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 3), ns);

        var scale = await _client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "web", ns);

        scale.Spec.Replicas.ShouldBe(5);
        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        deployment.Spec.Replicas.ShouldBe(5);
        deployment.Metadata.Generation.ShouldBe(2);
    }

    [Fact]
    public async Task Replacing_scale_of_a_statefulset_changes_its_replicas()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedStatefulSetAsync(Objects.StatefulSet("db", replicas: 1), ns);
        var scale = await _client.AppsV1.ReadNamespacedStatefulSetScaleAsync("db", ns);

        scale.Spec.Replicas = 0;
        var replaced = await _client.AppsV1.ReplaceNamespacedStatefulSetScaleAsync(scale, "db", ns);

        replaced.Spec.Replicas.ShouldBe(0);
        (await _client.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Spec.Replicas.ShouldBe(0);
    }

    [Fact]
    public async Task Replacing_scale_with_a_stale_resource_version_is_409()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 1), ns);
        var scale = await _client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", ns);
        await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), "web", ns);

        scale.Spec.Replicas = 4;
        var error = await Should.ThrowAsync<k8s.Autorest.HttpOperationException>(() => _client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, "web", ns));

        error.Response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
    }
}
