using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Deploy.Tests.Infrastructure;
using Tarnfui.Deploy.Tests.Install;
using Tarnfui.Testing;

namespace Tarnfui.Deploy.Tests.Monitoring;

/// <summary>
/// A real Prometheus scrapes the webhook and the sweeper <c>sandbox serve</c> hosts (at the metrics addresses it
/// prints), with the alert rules loaded; the simulated clock moves into the night, and Prometheus's HTTP API shows what
/// the emulator holds: the held-down gauge sums to the workloads stopped, every dashboard query returns data, and the
/// rules evaluate without error.
/// </summary>
public sealed partial class RealPrometheusTests
{
    /// <summary>
    /// Dashboard queries that are empty on a quiet night, by the metric they read, and why: counters that only get a
    /// series once something happens, which a night without faults, restores or people never makes happen.
    /// </summary>
    private static readonly Dictionary<string, string> EmptyAtNight = new()
    {
        ["tarnfui_sweeper_restores_total"] = "nothing is restored at night",
        ["tarnfui_sweeper_fenced_writes_total"] = "the leader keeps its Lease: no write is fenced",
        ["tarnfui_webhook_errors_total"] = "the webhook fails nothing",
        ["tarnfui_webhook_dry_run_admissions_total"] = "no one sends a dry-run request",
        ["tarnfui_sweeper_schedule_errors_total"] = "the seeded workloads carry no unreadable annotation",
        ["tarnfui_sweeper_operator_owned_skipped_total"] = "no seeded workload is owned by an operator",
    };

    [Fact]
    public async Task Prometheus_scraping_a_served_night_sees_what_the_emulator_holds_down_and_loads_the_alert_rules()
    {
        using var work = new TemporaryDirectory();
        // Friday 17:55 UTC, frozen: only POST /sandbox/clock moves time.
        await using var serve = await SandboxServe.StartAsync(work.Combine("kubeconfig"),
            "--at", "2026-11-27T17:55:00Z", "--speed", "0", "--sweep-interval", "250ms",
            "--seed-namespaces", "3", "--seed-deployments", "12", "--seed-replicas", "2", "--seed-statefulsets", "2",
            // A notification target, so the dashboard's notifications panel has deliveries to show.
            "--notify-to-log");
        await Eventually.UntilAsync(() => MetricsAddress(serve.Error, "webhook") is not null && MetricsAddress(serve.Error, "sweeper") is not null,
            "serve prints the webhook's and the sweeper's metrics addresses");
        AlertRules.WriteRulesFile(work.Path);
        var config = work.Combine("prometheus.yml");
        await File.WriteAllTextAsync(config, Config(MetricsAddress(serve.Error, "sweeper")!, MetricsAddress(serve.Error, "webhook")!));
        await using var prometheus = await RunningPrometheus.StartAsync(config, work.Combine("data"));
        var kubeconfig = KubernetesClientConfiguration.BuildConfigFromConfigFile(serve.Kubeconfig);
        using var client = new Kubernetes(kubeconfig);

        await SetClockAsync(client, kubeconfig, "2026-11-27T22:00:00Z");

        // Every seeded workload that ran is stopped, and the gauge, summed over namespaces and kinds, says as many.
        var stopped = 0;
        await Eventually.UntilAsync(async () =>
        {
            stopped = await StoppedCountAsync(client);
            return stopped > 0 && !await AnySeededRunningAsync(client)
                && await prometheus.ScalarAsync("sum(tarnfui_sweeper_workloads_held_down)") == stopped;
        }, Describe("sum(tarnfui_sweeper_workloads_held_down) equals the workloads the emulator shows stopped", serve, prometheus));
        (await prometheus.ScalarAsync("count(count by (namespace) (tarnfui_sweeper_workloads_held_down))")).ShouldBe(3, "one namespace label per seeded namespace");

        // Someone scales a stopped Deployment up at night: the webhook decides (it holds it down), and its admission
        // panels have something to show.
        var held = (await client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: WellKnown.Labels.Stopped + "=true")).Items[0];
        try
        {
            await client.AppsV1.PatchNamespacedDeploymentScaleAsync(
                new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), held.Metadata.Name, held.Metadata.NamespaceProperty);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            // Webhook:Mode deny refuses it; the default (zero) keeps it at zero instead. Either is an admission.
        }

        foreach (var (title, expression) in DashboardQueries())
        {
            var query = Substitute(expression);
            if (EmptyAtNight.Keys.FirstOrDefault(expression.Contains) is { } allowed)
            {
                await prometheus.QueryAsync(query);
                continue;
            }

            await Eventually.UntilAsync(async () => (await prometheus.QueryAsync(query)).GetProperty("result").GetArrayLength() > 0,
                Describe($"panel \"{title}\" returns data: {query}", serve, prometheus));
        }

        await Eventually.UntilAsync(async () => RuleHealths(await prometheus.RulesAsync()).All(rule => rule.Health == "ok"),
            Describe("every alert rule has been evaluated with health ok", serve, prometheus));
        RuleHealths(await prometheus.RulesAsync()).Select(rule => rule.Name).ShouldBe(AlertRules.All().Select(rule => rule.Alert), ignoreOrder: true);
    }

    private static string Config(string sweeper, string webhook) => $$"""
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: [{{AlertRules.RulesFileName}}]
        scrape_configs:
          # As the sweeper's ServiceMonitor: the held-down gauges' namespace label is the workloads'.
          - job_name: tarnfui-sweeper
            honor_labels: true
            static_configs: [{targets: ["{{new Uri(sweeper).Authority}}"]}]
          - job_name: tarnfui-webhook
            static_configs: [{targets: ["{{new Uri(webhook).Authority}}"]}]
        """;

    // Grafana's variables as the dashboard's defaults resolve them: the rate window fixed, "All" namespaces.
    private static string Substitute(string expression) =>
        expression.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$namespace", ".*", StringComparison.Ordinal);

    private static string? MetricsAddress(string serveError, string program) =>
        MetricsLine().Matches(serveError).FirstOrDefault(m => m.Groups["program"].Value == program)?.Groups["address"].Value;

    // POST /sandbox/clock as the kubeconfig's admin (a bearer token), over the client's TLS.
    private static async Task SetClockAsync(Kubernetes client, KubernetesClientConfiguration kubeconfig, string at)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(client.BaseUri, "/sandbox/clock"))
        {
            Content = new StringContent($$"""{"at":"{{at}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", kubeconfig.AccessToken);
        using var answer = await client.HttpClient.SendAsync(request);
        answer.EnsureSuccessStatusCode();
    }

    private static async Task<int> StoppedCountAsync(Kubernetes client)
    {
        var selector = WellKnown.Labels.Stopped + "=true";
        return (await client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: selector)).Items.Count
            + (await client.AppsV1.ListStatefulSetForAllNamespacesAsync(labelSelector: selector)).Items.Count
            + (await client.BatchV1.ListCronJobForAllNamespacesAsync(labelSelector: selector)).Items.Count;
    }

    private static async Task<bool> AnySeededRunningAsync(Kubernetes client) =>
        (await client.AppsV1.ListDeploymentForAllNamespacesAsync()).Items.Any(d => d.Metadata.NamespaceProperty.StartsWith("team-", StringComparison.Ordinal) && d.Spec.Replicas > 0)
        || (await client.AppsV1.ListStatefulSetForAllNamespacesAsync()).Items.Any(s => s.Metadata.NamespaceProperty.StartsWith("team-", StringComparison.Ordinal) && s.Spec.Replicas > 0);

    private static List<(string Name, string Health)> RuleHealths(JsonElement rules) =>
        rules.GetProperty("groups").EnumerateArray().SelectMany(group => group.GetProperty("rules").EnumerateArray())
            .Select(rule => (rule.GetProperty("name").GetString()!, rule.GetProperty("health").GetString()!)).ToList();

    private static List<(string Title, string Expression)> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("manifests", "monitoring", "dashboards", "tarnfui.json")));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(t => (panel.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)))
            .ToList();
    }

    private static string Describe(string what, SandboxServe serve, RunningPrometheus prometheus) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}\n--- serve's stderr (tail)\n{Tail(serve.Error)}\n--- prometheus's log (tail)\n{Tail(prometheus.Log)}");

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    [GeneratedRegex(@"tarnfui (?<program>webhook|sweeper): .*probes and metrics on (?<address>http://\S+)")]
    private static partial Regex MetricsLine();
}
