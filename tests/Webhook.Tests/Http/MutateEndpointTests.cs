using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Namespaces;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Http;

/// <summary>The wire through the webhook's own Program in memory: status, uid echo, exact JSON, decoded patch.</summary>
public sealed class MutateEndpointTests(WebhookFactory factory) : IClassFixture<WebhookFactory>
{
    private static readonly string Fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deployment-scale-up.json"));

    [Fact]
    public async Task Scale_up_by_apply_off_hours_returns_a_patch_that_stops_the_object()
    {
        var response = await PostAsync(Fixture);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var review = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        review["apiVersion"]!.GetValue<string>().ShouldBe("admission.k8s.io/v1");
        review["kind"]!.GetValue<string>().ShouldBe("AdmissionReview");
        var answer = review["response"]!.AsObject();
        answer["uid"]!.GetValue<string>().ShouldBe("705ab4f5-6393-11e8-b7cc-42010a800002");
        answer["allowed"]!.GetValue<bool>().ShouldBeTrue();
        answer["patchType"]!.GetValue<string>().ShouldBe("JSONPatch");
        answer["warnings"]!.AsArray().Single()!.GetValue<string>().ShouldStartWith("tarnfui: deployment shop/api is stopped for off-hours");

        var original = JsonNode.Parse(Fixture)!["request"]!["object"]!.AsObject();
        var patched = JsonPatch.Apply(original, Convert.FromBase64String(answer["patch"]!.GetValue<string>()));
        patched["spec"]!["replicas"]!.GetValue<int>().ShouldBe(0);
        patched["metadata"]!["annotations"]![WellKnown.Annotations.OriginalReplicas]!.GetValue<string>().ShouldBe("5");
        patched["metadata"]!["annotations"]![WellKnown.Annotations.StoppedAt]!.GetValue<string>().ShouldBe("2026-11-23T05:00:00Z");
        patched["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>().ShouldBe("1");
        patched["metadata"]!["labels"]!.ToJsonString().ShouldBe("""{"app":"api","tarnfui.io/stopped":"true"}""");
        patched["spec"]!["template"]!.ToJsonString().ShouldBe(original["spec"]!["template"]!.ToJsonString());
    }

    [Fact]
    public async Task The_answer_is_what_the_generated_serializer_writes_escaping_only_what_JSON_must_sent_with_its_length()
    {
        var response = await PostAsync(Fixture);

        var sent = await response.Content.ReadAsByteArrayAsync();
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        response.Content.Headers.ContentLength.ShouldBe(sent.Length);
        response.Headers.TransferEncodingChunked.ShouldNotBe(true);
        var review = JsonSerializer.Deserialize(sent, AdmissionJsonContext.Default.AdmissionReview)!;
        var written = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(written, AnswerJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, review, AdmissionJsonContext.Default.AdmissionReview);
        }

        sent.ShouldBe(written.WrittenSpan.ToArray());
        // The warning's quotes and angle brackets as JSON writes them at the least, not as six-byte escapes.
        var text = Encoding.UTF8.GetString(sent);
        text.ShouldContain("""(schedule \"Mon-Fri 07:00-19:00\")""");
        text.ShouldContain("=<RFC3339>)");
        review.Response!.Warnings!.Single().ShouldContain("""(schedule "Mon-Fri 07:00-19:00")""");
    }

    [Fact]
    public async Task Allowed_answer_is_exactly_the_minimal_review()
    {
        var response = await PostAsync(Review(Requests.Workload("UPDATE", 2, 5)));

        (await response.Content.ReadAsStringAsync()).ShouldBe(
            """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"u-1","allowed":true}}""");
    }

    [Fact]
    public async Task Scale_up_off_hours_is_refused_with_403_and_the_message()
    {
        var request = Requests.Scale(3, 0, @namespace: "refused");
        factory.Parents.Set(new WorkloadRef(WorkloadKind.Deployment, "refused", Requests.Name), new ParentWorkload(null, false, 0));

        var answer = await ResponseAsync(Review(request));

        answer["allowed"]!.GetValue<bool>().ShouldBeFalse();
        answer["status"]!["code"]!.GetValue<int>().ShouldBe(403);
        answer["status"]!["message"]!.GetValue<string>().ShouldBe(
            "tarnfui: deployment refused/api is stopped for off-hours (schedule \"Mon-Fri 07:00-19:00\") until Mon 2026-11-23 07:00 CET. " +
            "To run it now: kubectl tarnfui wake deployment/api -n refused --for 2h  (or annotate tarnfui.io/exclude-until=<RFC3339>)");
        answer.ContainsKey("patch").ShouldBeFalse();
    }

    [Fact]
    public async Task Namespace_annotations_come_from_the_cache()
    {
        factory.Services.GetRequiredService<NamespaceCache>().Set("excluded", new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "true" });

        var answer = await ResponseAsync(Review(Requests.Workload("CREATE", 3, @namespace: "excluded")));

        answer["allowed"]!.GetValue<bool>().ShouldBeTrue();
        answer.ContainsKey("patch").ShouldBeFalse();
    }

    [Fact]
    public async Task A_failure_inside_the_handler_allows_the_request_and_is_counted()
    {
        var metrics = factory.Services.GetRequiredService<Metrics>();
        var before = metrics.Errors.WithLabels(Metrics.Reasons.Handler).Value;
        factory.Parents.Failure = new InvalidOperationException("boom");
        try
        {
            var answer = await ResponseAsync(Review(Requests.Scale(3, 0)));

            answer["allowed"]!.GetValue<bool>().ShouldBeTrue();
            metrics.Errors.WithLabels(Metrics.Reasons.Handler).Value.ShouldBe(before + 1);
        }
        finally
        {
            factory.Parents.Failure = null;
        }
    }

    [Fact]
    public async Task Dry_run_is_answered_the_same_but_never_counted_as_a_stop()
    {
        var metrics = factory.Services.GetRequiredService<Metrics>();
        metrics.Collect();
        var stops = metrics.Admissions.WithLabels("CREATE", "statefulsets", "patched").Value;
        var dryRuns = metrics.DryRunAdmissions.WithLabels("CREATE", "statefulsets", "patched").Value;

        var answer = await ResponseAsync(Review(Requests.Workload("CREATE", 3, resource: "statefulsets", dryRun: true)));

        answer["patchType"]!.GetValue<string>().ShouldBe("JSONPatch");
        metrics.Collect();
        metrics.Admissions.WithLabels("CREATE", "statefulsets", "patched").Value.ShouldBe(stops);
        metrics.DryRunAdmissions.WithLabels("CREATE", "statefulsets", "patched").Value.ShouldBe(dryRuns + 1);
    }

    [Theory]
    [InlineData("not JSON", "{", "application/json")]
    [InlineData("wrong kind", """{"apiVersion":"admission.k8s.io/v1","kind":"Status"}""", "application/json")]
    [InlineData("form post", "a=b", "application/x-www-form-urlencoded")]
    public async Task Not_an_AdmissionReview_is_400_with_the_reason(string because, string body, string contentType)
    {
        using var client = factory.Admission();
        var response = await client.PostAsync("/mutate", new StringContent(body, Encoding.UTF8, contentType));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, because);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace(because);
    }

    [Fact]
    public async Task Admission_is_served_on_the_HTTPS_side_only_and_probes_on_the_plain_side_only()
    {
        using var admission = factory.Admission();
        using var probes = factory.Probes();

        (await probes.PostAsync("/mutate", new StringContent(Fixture, Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admission.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await probes.GetStringAsync("/healthz")).ShouldBe("ok");
        (await probes.GetStringAsync("/readyz")).ShouldBe("ok");
        (await probes.GetStringAsync("/metrics")).ShouldContain("tarnfui_webhook_admission_duration_seconds");
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var client = factory.Admission();
        return await client.PostAsync("/mutate", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    private async Task<JsonObject> ResponseAsync(string body)
    {
        var response = await PostAsync(body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["response"]!.AsObject();
    }

    private static string Review(AdmissionRequest request)
    {
        request.Uid = "u-1";
        return JsonSerializer.Serialize(
            new AdmissionReview { ApiVersion = AdmissionReview.ApiVersionV1, Kind = AdmissionReview.KindName, Request = request },
            AdmissionJsonContext.Default.AdmissionReview);
    }
}
