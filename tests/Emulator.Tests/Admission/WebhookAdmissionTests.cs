using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Controllers;

namespace Tarnfui.Emulator.Tests.Admission;

/// <summary>Registered webhooks called by the sandbox as kube-apiserver calls them, seen from KubernetesClient and kubectl.</summary>
[Collection("Simulation")]
public sealed class WebhookAdmissionTests(SimulationFixture fixture)
{
    [Fact]
    public async Task Kubectl_scale_prints_the_webhooks_denial()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 1), ns);
        await fixture.RegisterWebhookAsync(ns, fixture.Webhook.On($"/{ns}/deny", r => TestWebhook.Deny(r, "off-hours until 07:00; opt out with kubectl annotate")));
        using var kubectl = KubectlRunner.For(fixture.Server);

        var result = await kubectl.RunAsync("scale", "deploy/web", "--replicas=3", "-n", ns);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain($"admission webhook \"{ns}.test.tarnfui.io\" denied the request: off-hours until 07:00; opt out with kubectl annotate");
        (await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(1);
    }

    [Fact]
    public async Task A_scale_request_reaches_the_webhook_as_the_scale_subresource_and_a_denial_reaches_the_client()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 1), ns);
        var path = $"/{ns}/scale";
        await fixture.RegisterWebhookAsync(ns, fixture.Webhook.On(path, r => TestWebhook.Deny(r, "no scaling tonight")));
        using var sweeper = fixture.Server.CreateClient(Tarnfui.Emulator.Server.EmulatorUsers.Cli);

        var error = await Should.ThrowAsync<HttpOperationException>(() => sweeper.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "web", ns));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        error.Response.Content.ShouldContain("denied the request: no scaling tonight");
        var request = fixture.Webhook.Received.Single(r => r.Path == path).Request;
        request["subResource"]!.GetValue<string>().ShouldBe("scale");
        request["kind"]!.ToJsonString().ShouldBe("""{"group":"autoscaling","version":"v1","kind":"Scale"}""");
        request["resource"]!["resource"]!.GetValue<string>().ShouldBe("deployments");
        request["object"]!["spec"]!["replicas"]!.GetValue<int>().ShouldBe(4);
        request["oldObject"]!["spec"]!["replicas"]!.GetValue<int>().ShouldBe(1);
        request["userInfo"]!["username"]!.GetValue<string>().ShouldBe(Tarnfui.Emulator.Server.EmulatorUsers.Cli);
    }

    [Fact]
    public async Task A_patch_from_the_webhook_is_stored_and_its_warnings_arrive_as_warning_headers()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.RegisterWebhookAsync(ns, fixture.Webhook.On($"/{ns}/zero", r => TestWebhook.Patch(r,
            $$$"""[{"op":"replace","path":"/spec/replicas","value":0},{"op":"add","path":"/metadata/annotations","value":{"{{{WellKnown.Annotations.OriginalReplicas}}}":"3"}}]""",
            "scaled to 0 for the night")));

        using var response = await fixture.Client.AppsV1.CreateNamespacedDeploymentWithHttpMessagesAsync(SimulationFixture.Deployment("web", 3), ns);

        response.Body.Spec.Replicas.ShouldBe(0);
        response.Response.Headers.GetValues("Warning").ShouldContain("299 - \"scaled to 0 for the night\"");
        var stored = await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        stored.Spec.Replicas.ShouldBe(0);
        stored.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
    }

    [Fact]
    public async Task A_match_condition_on_the_sweepers_identity_skips_the_webhook_for_the_sweeper_only()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 0), ns);
        await fixture.RegisterWebhookAsync(ns, fixture.Webhook.On($"/{ns}/cond", r => TestWebhook.Deny(r, "not for you")), w => w.MatchConditions =
        [
            new V1MatchCondition { Name = "not-the-sweeper", Expression = $"request.userInfo.username != '{Tarnfui.Emulator.Server.EmulatorUsers.Sweeper}'" },
        ]);
        using var sweeper = fixture.Server.CreateClient(Tarnfui.Emulator.Server.EmulatorUsers.Sweeper);
        var patch = new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch);

        (await sweeper.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", ns)).Spec.Replicas.ShouldBe(2);
        await Should.ThrowAsync<HttpOperationException>(() => fixture.Client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", ns));
    }

    [Fact]
    public async Task A_service_reference_is_resolved_through_the_sandbox_map()
    {
        var ns = await fixture.CreateNamespaceAsync();
        fixture.Webhook.On($"/{ns}/svc", r => TestWebhook.Deny(r, "reached through the service"));
        fixture.Server.Admission.MapService("webhooks", "hook", fixture.Webhook.Endpoint);
        await fixture.RegisterWebhookAsync(ns, "https://unused.invalid", w => w.ClientConfig = new Admissionregistrationv1WebhookClientConfig
        {
            Service = new Admissionregistrationv1ServiceReference { NamespaceProperty = "webhooks", Name = "hook", Port = 8443, Path = $"/{ns}/svc" },
            CaBundle = fixture.Webhook.Certificates.CaBundle,
        });

        var error = await Should.ThrowAsync<HttpOperationException>(() => fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 1), ns));

        error.Response.Content.ShouldContain("reached through the service");
    }

    [Fact]
    public async Task An_unreachable_webhook_fails_the_write_under_fail_and_not_under_ignore()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var unreachable = "https://127.0.0.1:1/mutate";
        await fixture.RegisterWebhookAsync(ns, unreachable);

        var error = await Should.ThrowAsync<HttpOperationException>(() => fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 1), ns));
        error.Response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        error.Response.Content.ShouldContain($"Internal error occurred: failed calling webhook \\\"{ns}.test.tarnfui.io\\\"");

        var configuration = await fixture.Client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(ns);
        configuration.Webhooks[0].FailurePolicy = "Ignore";
        await fixture.Client.AdmissionregistrationV1.ReplaceMutatingWebhookConfigurationAsync(configuration, ns);
        (await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 1), ns)).Spec.Replicas.ShouldBe(1);
    }

    [Fact]
    public async Task The_shipped_webhook_configuration_parses_and_leaves_out_the_sweeper()
    {
        // The manifest's matchCondition is the one Tarnfui relies on; the sandbox must evaluate it, not err on it.
        var manifest = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "manifests", "base", "mutatingwebhookconfiguration.yaml");
        var configuration = KubernetesYaml.Deserialize<V1MutatingWebhookConfiguration>(await File.ReadAllTextAsync(manifest));
        var condition = configuration.Webhooks.Single().MatchConditions.ShouldHaveSingleItem();
        var request = new JsonObject { ["userInfo"] = new JsonObject { ["username"] = Tarnfui.Emulator.Server.EmulatorUsers.Sweeper } };

        Tarnfui.Emulator.Admission.CelSubset.Evaluate(condition.Expression, new Dictionary<string, JsonNode?> { ["request"] = request }).ShouldBe(Tarnfui.Core.ParseResult<bool>.Ok(false));
    }
}
