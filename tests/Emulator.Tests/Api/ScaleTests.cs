using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Api;

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

    // kubectl scale and the HPA send no resourceVersion: kube-apiserver applies such a patch to the latest object inside
    // GuaranteedUpdate and applies it again when a write lands meanwhile, so a controller's status write is no 409.
    [Fact]
    public async Task A_scale_patch_without_a_resource_version_is_applied_again_over_a_write_that_landed_during_admission()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 1), ns);
        var concurrent = new StatusWriteDuringAdmission(fixture.Server.Store, ns, "web", "scale");
        fixture.Admission.RuleFor(ns, concurrent.Admit);

        var scale = await _client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "web", ns);

        scale.Spec.Replicas.ShouldBe(3);
        var stored = concurrent.StatusWriteVersion.ShouldNotBeNull().ToString(CultureInfo.InvariantCulture);
        concurrent.AdmittedOver.ShouldBe([created.Metadata.ResourceVersion, stored]);
        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        deployment.Spec.Replicas.ShouldBe(3);
        deployment.Status.ReadyReplicas.ShouldBe(1);
    }

    [Fact]
    public async Task A_scale_replace_without_a_resource_version_is_applied_again_over_a_write_that_landed_during_admission()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 1), ns);
        var concurrent = new StatusWriteDuringAdmission(fixture.Server.Store, ns, "web", "scale");
        fixture.Admission.RuleFor(ns, concurrent.Admit);
        var unconditional = new V1Scale { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = ns }, Spec = new V1ScaleSpec { Replicas = 2 } };

        var scale = await _client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(unconditional, "web", ns);

        scale.Spec.Replicas.ShouldBe(2);
        concurrent.AdmittedOver.Count.ShouldBe(2);
        (await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Status.ReadyReplicas.ShouldBe(1);
    }

    [Fact]
    public async Task A_scale_patch_carrying_a_stale_resource_version_is_409()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 1), ns);
        await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), "web", ns);
        var stale = $$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"spec":{"replicas":3}}""";

        var error = await Should.ThrowAsync<HttpOperationException>(() =>
            _client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch(stale, V1Patch.PatchType.MergePatch), "web", ns));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(1);
    }

    // A resourceVersion in the patch body is the client's precondition: a write that lands before the store write fails it.
    [Fact]
    public async Task A_scale_patch_carrying_the_current_resource_version_is_409_when_a_write_lands_during_admission()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 1), ns);
        var concurrent = new StatusWriteDuringAdmission(fixture.Server.Store, ns, "web", "scale");
        fixture.Admission.RuleFor(ns, concurrent.Admit);
        var current = $$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"spec":{"replicas":3}}""";

        var error = await Should.ThrowAsync<HttpOperationException>(() =>
            _client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch(current, V1Patch.PatchType.MergePatch), "web", ns));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        deployment.Spec.Replicas.ShouldBe(1);
        deployment.Status.ReadyReplicas.ShouldBe(1);
    }
}
