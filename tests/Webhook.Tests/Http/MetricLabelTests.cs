using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Http;

/// <summary>
/// Whoever reaches <c>/mutate</c> writes the request's strings: none of them may become a label value, or every
/// distinct value is a new series that <c>/metrics</c> keeps for the life of the process.
/// </summary>
public sealed partial class MetricLabelTests(WebhookFactory factory) : IClassFixture<WebhookFactory>
{
    private const int JunkReviews = 300;

    private static readonly string[] Operations = ["CREATE", "UPDATE", "DELETE", "CONNECT", "other"];
    private static readonly string[] Resources = ["deployments", "deployments/scale", "statefulsets", "statefulsets/scale", "rollouts", "rollouts/scale", "other"];
    private static readonly string[] Decisions = ["allowed", "warned", "patched", "denied", "error"];

    [Fact]
    public async Task Junk_operations_and_resources_leave_only_fixed_label_values_in_metrics()
    {
        using var admission = factory.Admission();
        using var probes = factory.Probes();
        var random = new Random(14);

        for (var i = 0; i < JunkReviews; i++)
        {
            var junk = Junk(random, i);
            var review = new JsonObject
            {
                ["apiVersion"] = "admission.k8s.io/v1",
                ["kind"] = "AdmissionReview",
                ["request"] = new JsonObject
                {
                    ["uid"] = $"junk-{i}",
                    ["kind"] = new JsonObject { ["group"] = junk, ["version"] = "v1", ["kind"] = junk },
                    ["resource"] = new JsonObject { ["group"] = i % 3 == 0 ? "apps" : junk, ["version"] = "v1", ["resource"] = junk },
                    ["subResource"] = i % 2 == 0 ? junk : "scale",
                    ["namespace"] = "shop",
                    ["name"] = "api",
                    ["operation"] = junk,
                    ["dryRun"] = i % 5 == 0,
                },
            };
            using var response = await admission.PostAsync("/mutate", new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, junk);
        }

        var metrics = await probes.GetStringAsync("/metrics");

        var series = SeriesOf(metrics, "tarnfui_webhook_admissions_total").Concat(SeriesOf(metrics, "tarnfui_webhook_dry_run_admissions_total")).ToList();
        series.ShouldNotBeEmpty();
        series.Count.ShouldBeLessThanOrEqualTo(2 * Operations.Length * Resources.Length * Decisions.Length);
        foreach (var labels in series)
        {
            Operations.ShouldContain(labels["operation"]);
            Resources.ShouldContain(labels["resource"]);
            Decisions.ShouldContain(labels["decision"]);
        }

        series.ShouldContain(l => l["operation"] == "other" && l["resource"] == "other", "the junk is counted, as other");
    }

    // A junk string: random printable text, a NUL inside, quotes and backslashes, or something long.
    private static string Junk(Random random, int i) => (i % 4) switch
    {
        0 => $"op-{i}-{random.Next()}",
        1 => $"de\0ploy\0{i}",
        2 => $"\"quoted\\{i}\"\n",
        _ => new string((char)('a' + (i % 26)), 10_000 + i),
    };

    private static IEnumerable<Dictionary<string, string>> SeriesOf(string metrics, string name) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal))
            .Select(line => LabelPattern().Matches(line[..line.LastIndexOf('}')]).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value));

    [GeneratedRegex("""(?<name>[a-z_]+)="(?<value>(?:[^"\\]|\\.)*)"[,}]?""")]
    private static partial Regex LabelPattern();
}
