using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Api;

[Collection("Sandbox")]
public sealed class AdmissionTests(SandboxFixture fixture)
{
    private readonly Kubernetes _client = fixture.Client;

    [Fact]
    public async Task A_denial_is_a_403_status_with_the_message_as_given()
    {
        var ns = await fixture.CreateNamespaceAsync();
        fixture.Admission.RuleFor(ns, _ => AdmissionResult.Deny("admission webhook \"workloads.tarnfui.io\" denied the request: off-hours"));

        var error = await Should.ThrowAsync<HttpOperationException>(() => _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        error.Response.Content.ShouldContain("denied the request: off-hours");
        fixture.Server.Store.Get(Tarnfui.Emulator.Store.ResourceTypes.Deployments, ns, "web").ShouldBeNull();
    }

    [Fact]
    public async Task A_mutation_is_stored_and_warnings_become_warning_headers()
    {
        var ns = await fixture.CreateNamespaceAsync();
        fixture.Admission.RuleFor(ns, attributes =>
        {
            var mutated = attributes.NewObject!.DeepClone().AsObject();
            mutated["spec"]!["replicas"] = 0;
            return AdmissionResult.Allow(mutated, ["scaled to 0 for the night"]);
        });

        using var response = await _client.AppsV1.CreateNamespacedDeploymentWithHttpMessagesAsync(Objects.Deployment("web", replicas: 3), ns);

        response.Body.Spec.Replicas.ShouldBe(0);
        response.Response.Headers.GetValues("Warning").ShouldBe(["299 - \"scaled to 0 for the night\""]);
    }

    [Fact]
    public async Task Scale_writes_reach_admission_as_an_update_of_kind_scale_by_the_caller()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 1), ns);
        using var sweeper = fixture.Server.CreateClient(EmulatorUsers.Sweeper);

        await sweeper.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "web", ns);

        var seen = fixture.Admission.SeenIn(ns).Last();
        seen.Operation.ShouldBe(AdmissionAttributes.Update);
        seen.SubResource.ShouldBe("scale");
        seen.Kind.ShouldBe(new GroupVersionKind("autoscaling", "v1", "Scale"));
        seen.Resource.Resource.ShouldBe("deployments");
        ((long?)seen.NewObject!["spec"]!["replicas"]).ShouldBe(2);
        ((long?)seen.OldObject!["spec"]!["replicas"]).ShouldBe(1);
        seen.User.Username.ShouldBe(EmulatorUsers.Sweeper);
    }

    [Fact]
    public async Task A_scale_patched_by_admission_is_what_reaches_the_parent()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 1), ns);
        fixture.Admission.RuleFor(ns, attributes =>
        {
            if (attributes.SubResource != "scale")
            {
                return AdmissionResult.Allow(attributes.NewObject);
            }

            var capped = attributes.NewObject!.DeepClone().AsObject();
            capped["spec"] = new JsonObject { ["replicas"] = 2 };
            return AdmissionResult.Allow(capped);
        });

        var scale = await _client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":9}}""", V1Patch.PatchType.MergePatch), "web", ns);

        scale.Spec.Replicas.ShouldBe(2);
        (await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(2);
    }

    [Fact]
    public async Task Delete_goes_through_admission_with_the_old_object()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);

        await _client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns);

        var seen = fixture.Admission.SeenIn(ns).Last();
        seen.Operation.ShouldBe(AdmissionAttributes.Delete);
        seen.NewObject.ShouldBeNull();
        ((string?)seen.OldObject!["metadata"]!["name"]).ShouldBe("web");
    }

    [Fact]
    public async Task An_unknown_token_is_401_and_each_user_is_told_apart()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var configuration = fixture.Server.ClientConfiguration(EmulatorUsers.Cli);
        configuration.AccessToken = "not-a-token";
        using var stranger = new Kubernetes(configuration);
        using var cli = fixture.Server.CreateClient(EmulatorUsers.Cli);

        var error = await Should.ThrowAsync<HttpOperationException>(() => stranger.AppsV1.ListNamespacedDeploymentAsync(ns));
        await cli.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);

        error.Response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        fixture.Admission.SeenIn(ns).Last().User.Username.ShouldBe(EmulatorUsers.Cli);
    }
}
