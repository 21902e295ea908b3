using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Manifests;

[Collection(ManifestsGroup.Name)]
public sealed partial class DashboardTests(ManifestsFixture manifests)
{
    // Labels Prometheus adds to every scraped series (ServiceMonitor target labels) and histogram buckets' le.
    private static readonly HashSet<string> TargetLabels = ["namespace", "pod", "instance", "job", "service", "endpoint", "container", "le"];

    [Fact]
    public void Every_metric_the_dashboard_queries_is_one_the_code_exports()
    {
        var exported = CodeModel.Metrics().SelectMany(m => m.SeriesNames).ToHashSet();
        exported.ShouldNotBeEmpty();

        foreach (var (title, expression) in Queries())
        {
            foreach (Match metric in MetricPattern().Matches(expression))
            {
                exported.ShouldContain(metric.Value, $"panel \"{title}\" queries {metric.Value}: {expression}");
            }
        }
    }

    [Fact]
    public void Every_label_the_dashboard_groups_or_filters_by_is_a_label_of_the_metrics_it_queries()
    {
        var metrics = CodeModel.Metrics();
        foreach (var (title, expression) in Queries())
        {
            var labels = MetricPattern().Matches(expression)
                .Select(m => metrics.Single(x => x.SeriesNames.Contains(m.Value)))
                .SelectMany(m => m.Labels).Concat(TargetLabels).ToHashSet();
            var used = GroupingPattern().Matches(expression).SelectMany(m => m.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Concat(MatcherPattern().Matches(expression).Select(m => m.Groups["label"].Value));
            foreach (var label in used)
            {
                labels.ShouldContain(label, $"panel \"{title}\" uses label {label}: {expression}");
            }
        }
    }

    [Fact]
    public void Every_metric_the_code_exports_has_a_panel()
    {
        var queried = Queries().SelectMany(q => MetricPattern().Matches(q.Expression).Select(m => m.Value)).ToHashSet();

        foreach (var metric in CodeModel.Metrics())
        {
            metric.SeriesNames.Any(queried.Contains).ShouldBeTrue($"{metric.Name} ({metric.Type}) is on no panel");
        }
    }

    [Fact]
    public void Held_down_panels_add_up_every_kind_and_one_breaks_the_workloads_down_by_kind()
    {
        var heldDown = Queries().Where(q => HeldDownPattern().IsMatch(q.Expression)).ToList();

        // The gauges carry namespace and kind labels: a panel that does not aggregate would draw a line per namespace,
        // kind and pod unexplained. Each counts the leader's series only, joined on the scrape target (instance): the
        // namespace label is the workloads', not the sweeper pod's.
        heldDown.ShouldNotBeEmpty();
        heldDown.ShouldAllBe(q => q.Expression.StartsWith("sum(", StringComparison.Ordinal) || q.Expression.StartsWith("sum by (kind) (", StringComparison.Ordinal) || q.Expression.StartsWith("sum by (namespace) (", StringComparison.Ordinal));
        heldDown.ShouldAllBe(q => q.Expression.EndsWith(" and on (instance) tarnfui_sweeper_leader == 1)", StringComparison.Ordinal));
        heldDown.ShouldContain(q => q.Title == "Workloads held down" && q.Expression.StartsWith("sum(tarnfui_sweeper_workloads_held_down", StringComparison.Ordinal));
        heldDown.ShouldContain(q => q.Expression.StartsWith("sum by (kind) (tarnfui_sweeper_workloads_held_down", StringComparison.Ordinal));
    }

    [Fact]
    public void A_table_shows_each_namespace_s_savings_filtered_by_the_namespace_variable()
    {
        var table = Queries().Where(q => q.Title == "Savings by namespace").ToList();
        string[] gauges = ["tarnfui_sweeper_workloads_held_down", "tarnfui_sweeper_replicas_held_down", "tarnfui_sweeper_cpu_requests_saved_cores",
            "tarnfui_sweeper_memory_requests_saved_bytes", "tarnfui_sweeper_workloads_overdue"];
        table.Select(q => MetricPattern().Match(q.Expression).Value).ShouldBe(gauges);
        table.ShouldAllBe(q => q.Expression.StartsWith("sum by (namespace) (", StringComparison.Ordinal) && q.Expression.Contains("{namespace=~\"$namespace\"}", StringComparison.Ordinal));

        using var dashboard = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("manifests", "monitoring", "dashboards", "tarnfui.json")));
        var variable = dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "namespace");
        variable.GetProperty("definition").GetString().ShouldBe("label_values(tarnfui_sweeper_workloads_held_down, namespace)");
        variable.GetProperty("allValue").GetString().ShouldBe(".*", "All matches every namespace, none listed one by one");
    }

    [Fact]
    public void The_dashboard_config_map_is_picked_up_by_the_grafana_sidecar()
    {
        var configMap = manifests.Monitoring.All<V1ConfigMap>().ShouldHaveSingleItem();
        configMap.Metadata.Labels["grafana_dashboard"].ShouldBe("1");
        using var dashboard = JsonDocument.Parse(configMap.Data.ShouldHaveSingleItem().Value);
        dashboard.RootElement.GetProperty("uid").GetString().ShouldBe("tarnfui");
    }

    [Fact]
    public void Service_monitors_scrape_the_metrics_port_of_both_programs()
    {
        var monitors = manifests.Monitoring.All<ServiceMonitor>().ToList();
        monitors.Count.ShouldBe(2);
        var deployments = manifests.Base.All<V1Deployment>().ToList();
        foreach (var deployment in deployments)
        {
            var services = manifests.Base.All<V1Service>().Where(s => Selects(s.Spec.Selector, deployment.Spec.Template.Metadata.Labels)).ToList();
            var monitored = monitors.Where(m => services.Any(s => Selects(m.Spec.Selector.MatchLabels, s.Metadata.Labels))).ToList();
            var monitor = monitored.ShouldHaveSingleItem($"{deployment.Metadata.Name} is scraped once");
            var endpoint = monitor.Spec.Endpoints.ShouldHaveSingleItem();
            endpoint.Path.ShouldBe("/metrics");
            var port = services.SelectMany(s => s.Spec.Ports).Single(p => p.Name == endpoint.Port);
            port.TargetPort.Value.ShouldBe("http");
            monitor.Spec.NamespaceSelector!.MatchNames.ShouldBe([deployment.Metadata.NamespaceProperty]);

            // The sweeper's own namespace label (of the workloads held down) must win over the target's, not become
            // exported_namespace; the webhook exports none.
            endpoint.HonorLabels.ShouldBe(deployment.Metadata.Name.EndsWith("sweeper", StringComparison.Ordinal));
        }
    }

    private static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static List<(string Title, string Expression)> Queries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("manifests", "monitoring", "dashboards", "tarnfui.json")));
        var queries = new List<(string Title, string Expression)>();
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            if (panel.TryGetProperty("targets", out var targets))
            {
                queries.AddRange(targets.EnumerateArray().Select(t => (panel.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)));
            }
        }

        queries.ShouldNotBeEmpty();
        return queries;
    }

    [GeneratedRegex(@"\btarnfui_sweeper_(?:workloads|replicas)_held_down\b")]
    private static partial Regex HeldDownPattern();

    [GeneratedRegex(@"\btarnfui_[a-z0-9_]+\b")]
    private static partial Regex MetricPattern();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\((?<labels>[^)]*)\)")]
    private static partial Regex GroupingPattern();

    [GeneratedRegex(@"[{,]\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex MatcherPattern();
}
