using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Tarnfui.Core;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Http;

/// <summary>
/// Generated and mutated bodies through the real endpoint: the answer is always 400 or a well-formed
/// AdmissionReview that echoes the uid. Never 500, never a crash.
/// </summary>
public sealed class MutateRobustnessTests(WebhookFactory factory) : IClassFixture<WebhookFactory>
{
    private const int Bodies = 10_000;

    private static readonly string[] AnnotationKeys =
    [
        WellKnown.Annotations.Exclude, WellKnown.Annotations.ExcludeUntil, WellKnown.Annotations.Uptime, WellKnown.Annotations.Downtime,
        WellKnown.Annotations.DowntimeReplicas, WellKnown.Annotations.OriginalReplicas, WellKnown.Annotations.StoppedAt, "team",
    ];

    private static readonly string[] AnnotationValues =
    [
        "true", "false", "TRUE", "yes", "", " ", "2026-11-24", "2026-11-23T20:00:00Z", "2026-13-45", "Mon-Fri 07:00-19:00 Europe/Paris",
        "Sun-Thu 22:00-06:00", "25:00-26:00", "always", "never", "0", "1", "-1", "99999999999", "~/\\\"\u0000\u00e9\ud83d\ude00",
    ];

    private static readonly Gen<JsonNode?> Junk = Gen.OneOf<JsonNode?>(
        Gen.Const(() => (JsonNode?)null),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : JsonValue.Create(0.5)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const(() => (JsonNode?)new JsonArray(1, "a", null)),
        Gen.Const(() => (JsonNode?)new JsonObject { ["x"] = 1 }));

    private static Gen<JsonNode?> Either(Gen<JsonNode?> plausible) => Gen.Frequency((9, plausible), (1, Junk));

    private static Gen<JsonNode?> Text(params string[] values) => Either(Gen.OneOf(values).Select(v => (JsonNode?)JsonValue.Create(v)));

    private static readonly Gen<JsonNode?> Replicas = Either(Gen.Int[-2, 12].Select(i => i > 10 ? null : (JsonNode?)JsonValue.Create(i)));

    private static readonly Gen<JsonNode?> Annotations = Either(
        Gen.Select(Gen.OneOf(AnnotationKeys), Gen.OneOf(AnnotationValues)).Array[0, 4]
            .Select(pairs =>
            {
                var map = new JsonObject();
                foreach (var (key, value) in pairs)
                {
                    map[key] = value;
                }

                return (JsonNode?)map;
            }));

    private static readonly Gen<JsonNode?> Labels = Either(Gen.Bool.Select(stopped => stopped
        ? (JsonNode?)new JsonObject { [WellKnown.Labels.Stopped] = "true" }
        : new JsonObject { ["app"] = "api" }));

    private static readonly Gen<JsonNode?> KubeObject = Either(Gen.Select(Replicas, Annotations, Labels, Gen.Bool, (replicas, annotations, labels, owned) =>
        (JsonNode?)new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject
            {
                ["name"] = "api",
                ["annotations"] = annotations,
                ["labels"] = labels,
                ["ownerReferences"] = owned ? new JsonArray(new JsonObject { ["kind"] = "X", ["controller"] = true }) : null,
            },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        }));

    private static readonly Gen<JsonObject> Review = Gen.Select(
        Gen.Select(Text("CREATE", "UPDATE", "DELETE", "CONNECT", "PATCH"), Text("deployments", "statefulsets", "pods", ""), Text("", "scale", "status"), Text("apps", "", "extensions")),
        Gen.Select(Text("shop", "kube-system", "tarnfui", ""), Text("alice", WebhookOptions.DefaultSweeperUsername, ""), Either(Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)))),
        Gen.Select(KubeObject, KubeObject, Gen.Int[0, 1_000_000]),
        (what, who, objects) => new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = $"uid-{objects.Item3}",
                ["resource"] = new JsonObject { ["group"] = what.Item4, ["version"] = "v1", ["resource"] = what.Item2 },
                ["subResource"] = what.Item3,
                ["name"] = "api",
                ["namespace"] = who.Item1,
                ["operation"] = what.Item1,
                ["userInfo"] = new JsonObject { ["username"] = who.Item2 },
                ["object"] = objects.Item1,
                ["oldObject"] = objects.Item2,
                ["dryRun"] = who.Item3,
            },
        });

    // Byte-level damage on top of the structured bodies: truncation, flipped bytes, inserted garbage.
    private static readonly Gen<byte[]> Body = Gen.Select(Review, Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte, (review, mutation, position, value) =>
    {
        var bytes = Encoding.UTF8.GetBytes(review.ToJsonString());
        var at = position % bytes.Length;
        return mutation switch
        {
            1 => bytes[..at],
            2 => [.. bytes[..at], value, .. bytes[(at + 1)..]],
            3 => [.. bytes[..at], value, value, (byte)'"', .. bytes[at..]],
            _ => bytes,
        };
    });

    [Fact]
    public async Task Ten_thousand_generated_and_mutated_bodies_get_400_or_a_well_formed_review()
    {
        using var client = factory.Admission();
        var answered = 0;
        var refused = 0;

        await Body.SampleAsync(async body =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await client.PostAsync("/mutate", content);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Interlocked.Increment(ref refused);
                return;
            }

            response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            var review = JsonNode.Parse(text)!.AsObject();
            review["apiVersion"]!.GetValue<string>().ShouldBe("admission.k8s.io/v1");
            review["kind"]!.GetValue<string>().ShouldBe("AdmissionReview");
            // The uid as sent, and nothing else read: a mutated byte inside a member the webhook skips is no reason to
            // refuse, and neither is a string it never reads (an annotation that decides nothing may hold a lone
            // surrogate escape, which reading it would refuse).
            using var sentReview = System.Text.Json.JsonDocument.Parse(body);
            var sent = sentReview.RootElement.GetProperty("request").GetProperty("uid").GetString();
            review["response"]!["uid"]!.GetValue<string>().ShouldBe(sent);
            review["response"]!["allowed"]!.GetValue<bool>();
            Interlocked.Increment(ref answered);
        }, iter: Bodies, threads: 1);

        (answered + refused).ShouldBe(Bodies);
        answered.ShouldBeGreaterThan(Bodies / 10, "most generated bodies are valid reviews");
        refused.ShouldBeGreaterThan(Bodies / 10, "the mutations produce invalid bodies too");
    }
}
