using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using NodaTime;
using Tarnfui.Cli.Cluster.Explain;

namespace Tarnfui.Cli.Dashboard.Pages;

/// <summary>
/// <c>/workloads/{ns}/{kind}/{name}</c>: <c>kubectl tarnfui explain</c>'s reasoning, from its own model
/// (<see cref="ExplanationWriter.ToJson"/>), and the workload's Events, newest first.
/// </summary>
internal static class WorkloadPage
{
    public static string Render(Explanation explanation, IReadOnlyList<Corev1Event> events, string? actions)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        ArgumentNullException.ThrowIfNull(events);
        var json = ExplanationWriter.ToJson(explanation);
        var decision = json["decision"]!;
        var html = new StringBuilder();
        html.Append("<dl class=\"facts\">\n")
            .Append(Fact("Kind", Html.E(Text(json["kind"]))))
            .Append(Fact("Namespace", $"<a href=\"{Html.NamespaceHref(explanation.Workload.Ref.Namespace)}\">{Html.E(explanation.Workload.Ref.Namespace)}</a>"));
        if (json["replicas"] is { } replicas)
        {
            html.Append(Fact("Replicas", Html.E(replicas.ToJsonString())));
        }

        if (json["stopped"] is JsonObject stopped)
        {
            html.Append(Fact("Held down", $"original {Html.E(stopped["originalReplicas"]?.ToJsonString())} replicas" +
                (stopped["stoppedAt"] is { } at ? $", since {Html.E(Text(at))}" : string.Empty)));
        }

        if (json["suspend"] is { } suspend)
        {
            html.Append(Fact("Suspend", Html.E(suspend.ToJsonString())));
        }

        html.Append(Fact("Schedule", json["schedule"] is JsonObject schedule
                ? Html.E($"uptime \"{Text(schedule["uptime"])}\", downtime \"{Text(schedule["downtime"])}\" (from the {Text(schedule["source"])}" +
                    (schedule["readFrom"] is { } from ? $", {Text(from)}" : string.Empty) + ")")
                : "none applies"))
            .Append(Fact("Downtime replicas", Html.E($"{json["downtimeReplicas"]?.ToJsonString()} ({Text(json["downtimeReplicasSource"])})")));
        foreach (var (key, label) in new[] { ("autoscaler", "Autoscaler"), ("scaledObject", "ScaledObject"), ("holidays", "Holidays") })
        {
            if (json[key] is { } value)
            {
                html.Append(Fact(label, Html.E(value is JsonValue ? Text(value) : value.ToJsonString())));
            }
        }

        html.Append(Fact("Exclusions", NamespacePage.Exclusions(explanation.Exclusions)))
            .Append("<dt>Decision now</dt><dd data-testid=\"state\" class=\"state ").Append(Html.E(Text(decision["state"]).Replace(' ', '-'))).Append("\">")
            .Append(Html.E(Text(decision["detail"]))).Append("</dd>\n")
            .Append(Fact("Configuration", Html.E(Text(json["configuration"]))))
            .Append("</dl>\n");
        if (actions is not null)
        {
            html.Append("<section aria-labelledby=\"actions-heading\"><h2 id=\"actions-heading\">Actions</h2>\n").Append(ActionForms.DurationHint).Append(actions).Append("</section>\n");
        }

        html.Append(Transitions(explanation)).Append(Events(events, explanation.Now));
        return html.ToString();
    }

    private static string Transitions(Explanation explanation)
    {
        var html = new StringBuilder("<section aria-labelledby=\"next-heading\">\n<h2 id=\"next-heading\">Next transitions</h2>\n");
        if (explanation.Transitions.Count == 0)
        {
            return html.Append("<p>None ahead: an exclusion or an invalid annotation holds, or no schedule changes within a year.</p>\n</section>\n").ToString();
        }

        html.Append("<table>\n<thead><tr><th scope=\"col\">At</th><th scope=\"col\">In</th><th scope=\"col\">Becomes</th></tr></thead>\n<tbody>\n");
        foreach (var (at, decision) in explanation.Transitions)
        {
            html.Append("<tr><td>").Append(Html.Time(at)).Append("</td><td>").Append(Html.Age(at - explanation.Now)).Append("</td>")
                .Append(OverviewPage.StateCell(decision)).Append("</tr>\n");
        }

        return html.Append("</tbody>\n</table>\n</section>\n").ToString();
    }

    private static string Events(IReadOnlyList<Corev1Event> events, Instant now)
    {
        var html = new StringBuilder("<section aria-labelledby=\"events-heading\">\n<h2 id=\"events-heading\">Events</h2>\n");
        if (events.Count == 0)
        {
            return html.Append("<p>No Events (the API server keeps them for an hour by default).</p>\n</section>\n").ToString();
        }

        html.Append("<table>\n<thead><tr><th scope=\"col\">Last seen</th><th scope=\"col\">Type</th><th scope=\"col\">Reason</th><th scope=\"col\">From</th><th scope=\"col\">Message</th></tr></thead>\n<tbody>\n");
        foreach (var e in events.OrderByDescending(Last))
        {
            html.Append("<tr><td>").Append(Last(e) is { } last ? Html.Age(now - Instant.FromDateTimeUtc(last.ToUniversalTime())) + " ago" : "—").Append("</td>")
                .Append("<td>").Append(Html.E(e.Type)).Append("</td><td>").Append(Html.E(e.Reason)).Append("</td>")
                .Append("<td>").Append(Html.E(e.ReportingComponent ?? e.Source?.Component)).Append("</td><td>").Append(Html.E(e.Message)).Append("</td></tr>\n");
        }

        return html.Append("</tbody>\n</table>\n</section>\n").ToString();
    }

    private static DateTime? Last(Corev1Event e) => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp;

    private static string Fact(string label, string value) => $"<dt>{Html.E(label)}</dt><dd>{value}</dd>\n";

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? string.Empty;
}
