using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Tests.Admission;
using Tarnfui.Emulator.Tests.Controllers;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// What a mutating webhook sees of a write to <c>deployments/scale</c> (<c>kubectl scale</c>, an HPA), and that it may
/// read the Deployment while it decides: the webhook's <c>/scale</c> rule rests on both. The Scale is built from the
/// Deployment and admitted as an UPDATE of kind <c>autoscaling/v1 Scale</c> on resource <c>apps/v1 deployments</c>,
/// subresource <c>scale</c>, with the Scale before and after as <c>oldObject</c> and <c>object</c>
/// (pkg/registry/apps/deployment/storage/storage.go, <c>ScaleREST</c>, <c>scaleUpdatedObjectInfo</c>;
/// staging/src/k8s.io/apiserver/pkg/admission/attributes.go; the review is built in
/// staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook/request/admissionreview.go). Admission runs before the
/// write is stored and holds no lock a read waits on, so the webhook's GET of the Deployment answers with the stored
/// Deployment, annotations and all, still at the old count.
/// </summary>
[Collection("Simulation")]
public sealed class ScaleAdmissionConformanceTests(SimulationFixture fixture)
{
    public static TheoryData<string, string, string> ScaleWrites => new()
    {
        { "PATCH", "application/merge-patch+json", """{"spec":{"replicas":4}}""" },
        { "PATCH", "application/json-patch+json", """[{"op":"replace","path":"/spec/replicas","value":4}]""" },
        { "PUT", "application/json", """{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web"},"spec":{"replicas":4}}""" },
    };

    [Theory]
    [MemberData(nameof(ScaleWrites))]
    public async Task A_scale_write_reaches_the_webhook_as_an_update_of_a_Scale_on_deployments_and_the_webhook_reads_the_deployment(
        string method, string contentType, string body)
    {
        var ns = await fixture.CreateNamespaceAsync();
        var deployment = SimulationFixture.Deployment("web", 1);
        deployment.Metadata.Annotations = new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = "Mon-Fri 08:00-18:00 UTC" };
        await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
        V1Deployment? readDuringAdmission = null;
        var path = $"/{ns}/scale-review";
        await fixture.RegisterWebhookAsync(ns, fixture.Webhook.On(path, async request =>
        {
            if ((string?)request["subResource"] == "scale")
            {
                readDuringAdmission = await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
            }

            return TestWebhook.Allow(request);
        }));
        using var api = new RawApi(fixture.Server.HttpUrl);

        await RawApi.ExpectAsync(HttpStatusCode.OK, api.SendAsync(new HttpMethod(method), $"/apis/apps/v1/namespaces/{ns}/deployments/web/scale", body, contentType));

        // Admission runs again when the store retries the write after a concurrent change (the controller's status
        // update), as GuaranteedUpdate does: the review of the write that was stored is the last one.
        var review = fixture.Webhook.Received.Last(r => r.Path == path && (string?)r.Request["subResource"] == "scale").Request;
        review["operation"]!.GetValue<string>().ShouldBe("UPDATE");
        review["kind"]!.ToJsonString().ShouldBe("""{"group":"autoscaling","version":"v1","kind":"Scale"}""");
        review["resource"]!.ToJsonString().ShouldBe("""{"group":"apps","version":"v1","resource":"deployments"}""");
        review["subResource"]!.GetValue<string>().ShouldBe("scale");
        review["requestKind"]!.ToJsonString().ShouldBe(review["kind"]!.ToJsonString());
        review["requestResource"]!.ToJsonString().ShouldBe(review["resource"]!.ToJsonString());
        review["requestSubResource"]!.GetValue<string>().ShouldBe("scale");
        ((string?)review["name"], (string?)review["namespace"]).ShouldBe(("web", ns));
        ShouldBeScale(review["object"]!, ns, replicas: 4);
        ShouldBeScale(review["oldObject"]!, ns, replicas: 1);

        readDuringAdmission.ShouldNotBeNull("the webhook read the Deployment while deciding");
        readDuringAdmission.Spec.Replicas.ShouldBe(1, "the write is stored after admission");
        readDuringAdmission.Metadata.Annotations[WellKnown.Annotations.Uptime].ShouldBe("Mon-Fri 08:00-18:00 UTC", "what a Scale cannot carry");
        (await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(4);
    }

    private static void ShouldBeScale(JsonNode scale, string ns, int replicas)
    {
        ((string?)scale["apiVersion"], (string?)scale["kind"]).ShouldBe(("autoscaling/v1", "Scale"));
        ((string?)scale["metadata"]!["name"], (string?)scale["metadata"]!["namespace"]).ShouldBe(("web", ns));
        scale["metadata"]!["annotations"].ShouldBeNull("a Scale has no annotations of its Deployment");
        scale["spec"]!["replicas"]!.GetValue<int>().ShouldBe(replicas);
    }
}
