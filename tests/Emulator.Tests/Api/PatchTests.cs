using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Api;

[Collection("Sandbox")]
public sealed class PatchTests(SandboxFixture fixture)
{
    private readonly Kubernetes _client = fixture.Client;

    [Fact]
    public async Task Merge_patch_sets_replicas_annotations_and_a_label_in_one_write()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 3), ns);
        var patch = $$$"""
            {"metadata":{"annotations":{"{{{WellKnown.Annotations.OriginalReplicas}}}":"3"},"labels":{"{{{WellKnown.Labels.Stopped}}}":"true"}},"spec":{"replicas":0}}
            """;

        var patched = await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), "web", ns);

        patched.Spec.Replicas.ShouldBe(0);
        patched.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
        patched.Metadata.Labels[WellKnown.Labels.Stopped].ShouldBe("true");
        patched.Metadata.Labels["app"].ShouldBe("web");
    }

    [Fact]
    public async Task Merge_patch_null_removes_keys()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var deployment = Objects.Deployment("web");
        deployment.Metadata.Annotations = new Dictionary<string, string> { [WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z", ["keep"] = "me" };
        await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);

        var patched = await _client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("{\"metadata\":{\"annotations\":{\"" + WellKnown.Annotations.StoppedAt + "\":null}}}", V1Patch.PatchType.MergePatch), "web", ns);

        patched.Metadata.Annotations.Keys.ShouldBe(["keep"]);
    }

    [Fact]
    public async Task Json_patch_applies_operations_and_escapes_slashes_in_keys()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 2), ns);
        var key = WellKnown.Annotations.OriginalReplicas.Replace("/", "~1", StringComparison.Ordinal);
        var patch = $$$"""
            [{"op":"test","path":"/spec/replicas","value":2},
             {"op":"add","path":"/metadata/annotations","value":{}},
             {"op":"add","path":"/metadata/annotations/{{{key}}}","value":"2"},
             {"op":"replace","path":"/spec/replicas","value":0}]
            """;

        var patched = await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "web", ns);

        patched.Spec.Replicas.ShouldBe(0);
        patched.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("2");
    }

    [Fact]
    public async Task Json_patch_whose_test_fails_is_422_and_changes_nothing()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 2), ns);
        const string patch = """[{"op":"test","path":"/spec/replicas","value":5},{"op":"replace","path":"/spec/replicas","value":0}]""";

        var error = await Should.ThrowAsync<HttpOperationException>(() =>
            _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "web", ns));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(2);
    }

    // kube-apiserver's evanphx/json-patch: a test for null passes on a missing member of an existing object only.
    public static TheoryData<string, string, bool> NullTests => new()
    {
        { "a missing annotation tests as null", "/metadata/annotations/" + WellKnown.Annotations.Exclude.Replace("/", "~1", StringComparison.Ordinal), true },
        { "missing ownerReferences test as null", "/metadata/ownerReferences", true },
        { "a present annotation is not null", "/metadata/annotations/keep", false },
        { "present replicas are not null", "/spec/replicas", false },
        { "a member of a missing object is a missing path", "/metadata/nothing/here", false },
    };

    [Theory, MemberData(nameof(NullTests))]
    public async Task Json_patch_test_for_null_passes_only_on_a_missing_member(string because, string path, bool applies)
    {
        var ns = await fixture.CreateNamespaceAsync();
        var deployment = Objects.Deployment("web", replicas: 2);
        deployment.Metadata.Annotations = new Dictionary<string, string> { ["keep"] = "yes" };
        await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
        var patch = $$"""[{"op":"test","path":"{{path}}","value":null},{"op":"replace","path":"/spec/replicas","value":0}]""";

        if (applies)
        {
            (await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "web", ns)).Spec.Replicas.ShouldBe(0, because);
        }
        else
        {
            var error = await Should.ThrowAsync<HttpOperationException>(() =>
                _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "web", ns));
            error.Response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, because);
        }
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var deployment = Objects.Deployment("web");
        deployment.Spec.Template.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "envoy:1" });
        await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
        const string patch = """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"envoy:2"}]}}}}""";

        var patched = await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "web", ns);

        patched.Spec.Template.Spec.Containers.Select(c => $"{c.Name}={c.Image}").ShouldBe(["main=nginx:1.27", "sidecar=envoy:2"]);
    }

    [Fact]
    public async Task A_patch_carrying_a_stale_resource_version_is_409()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 3), ns);
        await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "web", ns);
        var stale = $$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"spec":{"replicas":0}}""";

        var error = await Should.ThrowAsync<HttpOperationException>(() =>
            _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(stale, V1Patch.PatchType.MergePatch), "web", ns));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        error.Response.Content.ShouldContain("the object has been modified");
        (await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(4);
    }

    [Fact]
    public async Task A_patch_carrying_the_current_resource_version_succeeds()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 3), ns);
        var fresh = $$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"spec":{"replicas":0}}""";

        var patched = await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(fresh, V1Patch.PatchType.MergePatch), "web", ns);

        patched.Spec.Replicas.ShouldBe(0);
    }

    [Fact]
    public async Task Server_side_apply_merges_the_applied_configuration_over_the_object()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 2), ns);

        var applied = await _client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"applied":"yes"}},"spec":{"replicas":4}}""",
                V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "test");

        applied.Spec.Replicas.ShouldBe(4);
        applied.Metadata.Labels["applied"].ShouldBe("yes");
        applied.Spec.Template.Spec.Containers.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_patch_of_the_main_resource_does_not_change_status()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);

        var patched = await _client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"status":{"readyReplicas":9}}""", V1Patch.PatchType.MergePatch), "web", ns);
        var viaStatus = await _client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch("""{"status":{"readyReplicas":1}}""", V1Patch.PatchType.MergePatch), "web", ns);

        patched.Status?.ReadyReplicas.ShouldBeNull();
        viaStatus.Status.ReadyReplicas.ShouldBe(1);
    }

    [Fact]
    public async Task A_patch_without_a_resource_version_is_applied_again_over_a_write_that_landed_during_admission()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 1), ns);
        var concurrent = new StatusWriteDuringAdmission(fixture.Server.Store, ns, "web", null);
        fixture.Admission.RuleFor(ns, concurrent.Admit);

        var patched = await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "web", ns);

        patched.Spec.Replicas.ShouldBe(3);
        patched.Status.ReadyReplicas.ShouldBe(1);
        var stored = concurrent.StatusWriteVersion.ShouldNotBeNull().ToString(System.Globalization.CultureInfo.InvariantCulture);
        concurrent.AdmittedOver.ShouldBe([created.Metadata.ResourceVersion, stored]);
    }

    [Fact]
    public async Task A_patch_carrying_the_current_resource_version_is_409_when_a_write_lands_during_admission()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 1), ns);
        var concurrent = new StatusWriteDuringAdmission(fixture.Server.Store, ns, "web", null);
        fixture.Admission.RuleFor(ns, concurrent.Admit);
        var current = $$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"spec":{"replicas":3}}""";

        var error = await Should.ThrowAsync<HttpOperationException>(() =>
            _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(current, V1Patch.PatchType.MergePatch), "web", ns));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        deployment.Spec.Replicas.ShouldBe(1);
        deployment.Status.ReadyReplicas.ShouldBe(1);
    }
}
