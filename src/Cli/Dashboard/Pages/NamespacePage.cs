using System.Text;
using NodaTime;
using Tarnfui.Cli.Cluster.Explain;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Cli.Cluster.Status;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Dashboard.Pages;

/// <summary>
/// <c>/namespaces/{ns}</c>: the namespace's schedule in words, its state, its exclusions and their expiry, an invalid
/// annotation with its exact error, the week as a timeline, and the workloads Tarnfui holds there and its CronJobs.
/// </summary>
internal static class NamespacePage
{
    /// <param name="name">The namespace.</param>
    /// <param name="annotations">Its annotations.</param>
    /// <param name="report">The status report of the dashboard's scope.</param>
    /// <param name="workloads">The held workloads and CronJobs of the model, for their annotations.</param>
    /// <param name="resolver">The policy.</param>
    /// <param name="csrf">The CSRF token for the action forms, or null when changes are not allowed.</param>
    public static string Render(
        string name, IReadOnlyDictionary<string, string>? annotations, StatusReport report, Func<WorkloadRef, Workload?> workloads, PolicyResolver resolver, string? csrf)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(workloads);
        ArgumentNullException.ThrowIfNull(resolver);
        var now = report.Now;
        var decision = NamespacePolicy.Decide(resolver, name, annotations, now);
        var zone = WeekTimeline.ZoneOf(NamespacePolicy.ScheduleOf(decision), resolver.Global.TimeZone);
        var html = new StringBuilder();
        if (decision is PolicyDecision.Invalid invalid)
        {
            // The message names the annotation and quotes its value, as the webhook's warning does.
            html.Append("<p class=\"error\" role=\"alert\">Invalid annotation on the ")
                .Append(Html.E(DecisionText.Scope(invalid.Scope))).Append(": ").Append(Html.E(invalid.Message))
                .Append(". Tarnfui stops nothing on it until it is fixed.</p>\n");
        }

        html.Append("<dl class=\"facts\">\n<dt>Schedule</dt><dd>").Append(Html.E(NamespacePolicy.Schedule(decision))).Append("</dd>\n")
            .Append("<dt>Time zone</dt><dd>").Append(Html.E(zone.Id)).Append("</dd>\n")
            .Append("<dt>State now</dt><dd data-testid=\"state\" class=\"state ").Append(Html.E(DecisionText.State(decision).Replace(' ', '-'))).Append("\">")
            .Append(Html.E(DecisionText.State(decision))).Append("</dd>\n")
            .Append("<dt>Until</dt><dd>").Append(DecisionText.Until(decision) is { } until ? Html.Time(until) : "no change ahead").Append("</dd>\n")
            .Append("<dt>Exclusions</dt><dd>").Append(Exclusions(ExclusionNote.Collect(Empty, annotations, zone, now))).Append("</dd>\n</dl>\n");

        html.Append("<section aria-labelledby=\"week-heading\">\n<h2 id=\"week-heading\">This week</h2>\n")
            .Append(TimelineSvg.Render(WeekTimeline.Of(at => NamespacePolicy.Decide(resolver, name, annotations, at), zone, now), now))
            .Append("<p class=\"note\">For a workload of this namespace with no annotation of its own. Hours are the wall clock of ")
            .Append(Html.E(zone.Id)).Append(".</p>\n</section>\n");

        html.Append(Workloads(name, report, workloads, resolver.Global.TimeZone, csrf));
        return html.ToString();
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Exclusion annotations and whether each holds now; an unreadable one shows its error.</summary>
    public static string Exclusions(IReadOnlyList<ExclusionNote> notes) => notes.Count == 0
        ? "none"
        : string.Join("<br>", notes.Select(n =>
            $"<code>{Html.E(n.Key)}={Html.E(n.Value)}</code> on the {Html.E(DecisionText.Scope(n.Scope))}: " +
            (n.State.StartsWith("invalid", StringComparison.Ordinal) ? $"<span class=\"error\">{Html.E(n.State)}</span>" : Html.E(n.State))));

    private static string Workloads(string name, StatusReport report, Func<WorkloadRef, Workload?> workloads, DateTimeZone zone, string? csrf)
    {
        var now = report.Now;
        var held = report.HeldDown.Where(h => h.Workload.Namespace == name && h.ScaledObject is null).ToList();
        var cronJobs = report.CronJobs.Where(c => c.Workload.Namespace == name).ToList();
        var html = new StringBuilder("<section aria-labelledby=\"workloads-heading\">\n<h2 id=\"workloads-heading\">Held workloads and CronJobs</h2>\n");
        if (held.Count == 0 && cronJobs.Count == 0)
        {
            return html.Append("<p>Tarnfui holds nothing here, and there is no CronJob. Running workloads are not listed: the dashboard reads what status reads.</p>\n</section>\n").ToString();
        }

        if (csrf is not null)
        {
            html.Append(ActionForms.DurationHint);
        }

        html.Append("<table>\n<thead><tr><th scope=\"col\">Workload</th><th scope=\"col\">State</th><th scope=\"col\">Held</th><th scope=\"col\">Back at</th><th scope=\"col\">Exclusions</th>")
            .Append(csrf is null ? string.Empty : "<th scope=\"col\">Actions</th>").Append("</tr></thead>\n<tbody>\n");
        var rows = held.Select(h => (h.Workload, h.Decision, Held: h.OriginalReplicas is { } o ? $"{Html.Number(o)} replicas" : "record unreadable", h.BackAt))
            .Concat(cronJobs.Select(c => (c.Workload, c.Decision, Held: Html.E(c.StateText), c.BackAt)));
        foreach (var (workload, decision, what, backAt) in rows)
        {
            var known = workloads(workload);
            var notes = ExclusionNote.Collect(known?.Annotations ?? Empty, null, zone, now);
            html.Append("<tr data-testid=\"held-row\"><th scope=\"row\"><a href=\"").Append(Html.WorkloadHref(workload.Namespace, workload.Kind.Kind, workload.Name)).Append("\">")
                .Append(Html.E(workload.Kind.Kind.ToLowerInvariant())).Append('/').Append(Html.E(workload.Name)).Append("</a></th>")
                .Append(OverviewPage.StateCell(decision))
                .Append("<td>").Append(what).Append("</td>")
                .Append("<td>").Append(backAt switch { null => "—", { } back when back <= now => "next sweep", { } back => Html.Time(back) }).Append("</td>")
                .Append("<td>").Append(Exclusions(notes)).Append("</td>");
            if (csrf is not null)
            {
                html.Append("<td>").Append(ActionForms.Render(workload, csrf, ["wake", "restore"])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        return html.Append("</tbody>\n</table>\n</section>\n").ToString();
    }
}
