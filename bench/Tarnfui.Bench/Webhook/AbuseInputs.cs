using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tarnfui.Core;

namespace Tarnfui.Bench.Webhook;

/// <summary>
/// What the <c>webhook-abuse</c> scenario sends: a scale-up of a Deployment whose own schedule is as long as a user
/// can make it, and AdmissionReviews that are valid envelopes around junk strings.
/// </summary>
internal static class AbuseInputs
{
    public const int UptimeParts = 1_000;

    /// <summary>
    /// <c>kubectl apply</c> raising a Deployment from 0 to 5 whose <c>tarnfui.io/uptime</c> has <see cref="UptimeParts"/>
    /// one-minute parts and whose <c>tarnfui.io/downtime</c> is <c>always</c>: off-hours whatever the clock says.
    /// </summary>
    public static byte[] LongScheduleReview()
    {
        var annotations = new JsonObject { [WellKnown.Annotations.Uptime] = LongUptime(), [WellKnown.Annotations.Downtime] = "always" };
        return Review(new JsonObject
        {
            ["uid"] = "8c1e0f4e-1b7d-4d1a-9f55-3a3a1e0c0001",
            ["kind"] = new JsonObject { ["group"] = "apps", ["version"] = "v1", ["kind"] = "Deployment" },
            ["resource"] = new JsonObject { ["group"] = "apps", ["version"] = "v1", ["resource"] = "deployments" },
            ["name"] = "api",
            ["namespace"] = "shop",
            ["operation"] = "UPDATE",
            ["userInfo"] = new JsonObject { ["username"] = "alice@example.com" },
            ["object"] = Deployment(5, annotations),
            ["oldObject"] = Deployment(0, annotations.DeepClone().AsObject()),
        });
    }

    /// <summary><c>Mon-Sun 00:00-00:01, Mon-Sun 00:01-00:02, …</c>: <see cref="UptimeParts"/> parts of one minute each.</summary>
    public static string LongUptime() => string.Join(", ", Enumerable.Range(0, UptimeParts).Select(i =>
        string.Create(CultureInfo.InvariantCulture, $"Mon-Sun {i / 60:D2}:{i % 60:D2}-{(i + 1) / 60:D2}:{(i + 1) % 60:D2}")));

    /// <summary>
    /// Review number <paramref name="index"/> of a junk stream: a well-formed admission.k8s.io/v1 AdmissionReview whose
    /// operation, resource, subresource, group and kind are random strings — NULs, quotes, control characters, non-ASCII,
    /// now and then several KiB long — so that every one is answered and none names anything the webhook knows.
    /// </summary>
    public static byte[] JunkReview(Random random, int index)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Review(new JsonObject
        {
            ["uid"] = string.Create(CultureInfo.InvariantCulture, $"junk-{index}"),
            ["kind"] = new JsonObject { ["group"] = Junk(random), ["version"] = "v1", ["kind"] = Junk(random) },
            ["resource"] = new JsonObject { ["group"] = Junk(random), ["version"] = "v1", ["resource"] = Junk(random) },
            ["subResource"] = Junk(random),
            ["name"] = "api",
            ["namespace"] = "shop",
            ["operation"] = Junk(random),
            ["userInfo"] = new JsonObject { ["username"] = Junk(random) },
            ["dryRun"] = random.Next(10) == 0,
        });
    }

    private static string Junk(Random random)
    {
        var length = random.Next(20) == 0 ? random.Next(1_000, 8_000) : random.Next(1, 24);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(8) switch
            {
                0 => '\0',
                1 => (char)random.Next(1, 32),
                2 => "\"\\/{}"[random.Next(5)],
                3 => (char)random.Next(0xA0, 0x2FF),
                _ => (char)random.Next('a', 'z' + 1),
            });
        }

        return text.ToString();
    }

    private static byte[] Review(JsonObject request) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["apiVersion"] = "admission.k8s.io/v1",
        ["kind"] = "AdmissionReview",
        ["request"] = request,
    }.ToJsonString());

    private static JsonObject Deployment(int replicas, JsonObject annotations) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = "api", ["namespace"] = "shop", ["labels"] = new JsonObject { ["app"] = "api" }, ["annotations"] = annotations },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "api" } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "api" } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "api", ["image"] = "registry.example.com/shop/api:1.4.2" }) },
            },
        },
    };
}
