using System.Text;
using NodaTime;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Cli.Cluster.Status;
using Tarnfui.Cli.Dashboard.Model;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Dashboard.Pages;

/// <summary>
/// <c>/</c>: what Tarnfui holds down, by kind (the counts of <c>kubectl tarnfui status</c>, from the same report), the
/// replicas held, the next transition, every namespace in scope with its schedule and state, and the held workloads.
/// </summary>
internal static class OverviewPage
{
    /// <summary>The kinds counted apart, with their test hook; CronJobs and Jobs count those Tarnfui suspended.</summary>
    private static readonly (string Kind, string Label, string TestId)[] Kinds =
    [
        ("Deployment", "Deployments", "held-deployments"),
        ("StatefulSet", "StatefulSets", "held-statefulsets"),
        ("Rollout", "Argo Rollouts", "held-rollouts"),
        ("ScaledObject", "KEDA ScaledObjects", "held-scaledobjects"),
        ("CronJob", "CronJobs", "held-cronjobs"),
        ("Job", "Jobs", "held-jobs"),
    ];

    public static string Render(StatusReport report, RequestsSaved saved, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>?> namespaces, PolicyResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(resolver);
        var now = report.Now;
        var suspended = report.CronJobs.Where(c => c.State == CronJobState.SuspendedByTarnfui).ToList();
        int Count(string kind) => report.HeldDown.Count(h => h.Kind == kind) + suspended.Count(c => c.Workload.Kind.Kind == kind);
        var total = report.HeldDown.Count + suspended.Count;
        var replicas = report.HeldDown.Sum(h => h.OriginalReplicas ?? 0);

        var html = new StringBuilder();
        html.Append("<section aria-labelledby=\"held-heading\">\n<h2 id=\"held-heading\">Held down now</h2>\n<div class=\"cards\">\n")
            .Append(Card("Workloads held", Html.Number(total), "held-total"));
        foreach (var (kind, label, testId) in Kinds)
        {
            html.Append(Card(label, Html.Number(Count(kind)), testId));
        }

        html.Append(Card("Replicas held", Html.Number(replicas), "replicas-held"))
            .Append("</div>\n")
            .Append(SavedCards(saved))
            .Append("<p class=\"note\">Replicas held is the sum of the counts their stop records put back. Requests saved are ")
            .Append("each held workload's pod requests times those replicas; since stopped, that times the hours since its stop.")
            .Append(saved.Unknown > 0 ? $" {Html.Number(saved.Unknown)} held without a known pod template (Argo Rollouts) are left out." : string.Empty)
            .Append("</p>\n")
            .Append(NextTransition(report, resolver))
            .Append("</section>\n");

        html.Append(NamespaceTable(report, namespaces, resolver, now));
        html.Append(HeldTable(report));
        if (report.CronJobsDenied is { } denied)
        {
            html.Append("<p class=\"error\" role=\"alert\">CronJobs could not be listed: ").Append(Html.E(denied)).Append("</p>\n");
        }

        return html.ToString();
    }

    private static string SavedCards(RequestsSaved saved) =>
        new StringBuilder("<h3>Requests saved</h3>\n<div class=\"cards\">\n")
            .Append(Card("CPU now, cores", Html.Decimal(saved.Now.CpuCores), "cpu-saved"))
            .Append(Card("Memory now, GiB", Html.Decimal(saved.MemoryGib), "memory-saved"))
            .Append(Card("CPU since stopped, core-hours", Html.Decimal(saved.CoreHours), "cpu-hours-saved"))
            .Append(Card("Memory since stopped, GiB-hours", Html.Decimal(saved.GibHours), "memory-hours-saved"))
            .Append("</div>\n")
            .ToString();

    private static string Card(string label, string value, string testId) =>
        $"<div class=\"card\"><span class=\"label\">{Html.E(label)}</span> <span class=\"value\" data-testid=\"{testId}\">{value}</span></div>\n";

    // The global schedule's next change, and the first held workload due back.
    private static string NextTransition(StatusReport report, PolicyResolver resolver)
    {
        var global = NamespacePolicy.Decide(resolver, string.Empty, null, report.Now);
        var next = DecisionText.Until(global);
        var html = new StringBuilder("<p data-testid=\"next-transition\">Global schedule: <strong>");
        html.Append(Html.E(DecisionText.State(global))).Append("</strong>");
        if (next is { } at)
        {
            var after = NamespacePolicy.Decide(resolver, string.Empty, null, at);
            html.Append(", ").Append(Html.E(DecisionText.State(after))).Append(" from ").Append(Html.Time(at))
                .Append(" (in ").Append(Html.Age(at - report.Now)).Append(')');
        }

        html.Append('.');
        if (report.HeldDown.Where(h => h.BackAt > report.Now).Select(h => h.BackAt).Min() is { } back)
        {
            html.Append(" First held workload due back at ").Append(Html.Time(back)).Append('.');
        }

        return html.Append("</p>\n").ToString();
    }

    private static string NamespaceTable(StatusReport report, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>?> namespaces, PolicyResolver resolver, Instant now)
    {
        var html = new StringBuilder("<section aria-labelledby=\"ns-heading\">\n<h2 id=\"ns-heading\">Namespaces</h2>\n");
        html.Append("<table>\n<thead><tr><th scope=\"col\">Namespace</th><th scope=\"col\">Schedule</th><th scope=\"col\">State now</th><th scope=\"col\">Until</th><th scope=\"col\">Held</th></tr></thead>\n<tbody>\n");
        foreach (var (name, annotations) in namespaces.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            var decision = NamespacePolicy.Decide(resolver, name, annotations, now);
            var held = report.HeldDown.Count(h => h.Workload.Namespace == name)
                + report.CronJobs.Count(c => c.Workload.Namespace == name && c.State == CronJobState.SuspendedByTarnfui);
            html.Append("<tr data-testid=\"ns-row\"><th scope=\"row\"><a href=\"").Append(Html.NamespaceHref(name)).Append("\">").Append(Html.E(name)).Append("</a></th>")
                .Append("<td>").Append(Html.E(NamespacePolicy.Schedule(decision))).Append("</td>")
                .Append(StateCell(decision))
                .Append("<td>").Append(DecisionText.Until(decision) is { } until ? Html.Time(until) : "—").Append("</td>")
                .Append("<td>").Append(Html.Number(held)).Append("</td></tr>\n");
        }

        return html.Append("</tbody>\n</table>\n</section>\n").ToString();
    }

    private static string HeldTable(StatusReport report)
    {
        var html = new StringBuilder("<section aria-labelledby=\"workloads-heading\">\n<h2 id=\"workloads-heading\">Held workloads</h2>\n");
        if (report.HeldDown.Count == 0)
        {
            return html.Append("<p>No Deployment, StatefulSet or ScaledObject is held down by Tarnfui.</p>\n</section>\n").ToString();
        }

        html.Append("<table>\n<thead><tr><th scope=\"col\">Namespace</th><th scope=\"col\">Workload</th><th scope=\"col\">Original</th><th scope=\"col\">Stopped</th><th scope=\"col\">Back at</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
        foreach (var row in report.HeldDown)
        {
            html.Append("<tr data-testid=\"held-row\"><td>").Append(Html.E(row.Workload.Namespace)).Append("</td>")
                .Append("<th scope=\"row\"><a href=\"").Append(Html.WorkloadHref(row.Workload.Namespace, row.Workload.Kind.Kind, row.Workload.Name)).Append("\">")
                .Append(Html.E(row.QualifiedName)).Append("</a></th>")
                .Append("<td>").Append(row.OriginalReplicas is { } original ? Html.Number(original) : "unreadable").Append("</td>")
                .Append("<td>").Append(row.StoppedAt is { } at ? Html.Age(report.Now - at) + " ago" : "unknown").Append("</td>")
                .Append("<td>").Append(row.BackAt switch { null => "never", { } back when back <= report.Now => "next sweep", { } back => Html.Time(back) }).Append("</td>")
                .Append("<td>").Append(Html.E(row.Why)).Append("</td></tr>\n");
        }

        return html.Append("</tbody>\n</table>\n</section>\n").ToString();
    }

    /// <summary>A state cell, marked for the stylesheet and the tests; an invalid annotation shows its exact error.</summary>
    public static string StateCell(PolicyDecision decision)
    {
        var state = DecisionText.State(decision);
        var css = state.Replace(' ', '-');
        var detail = decision is PolicyDecision.Invalid invalid ? $"<br><span class=\"error\">{Html.E(invalid.Message)}</span>" : string.Empty;
        return $"<td data-testid=\"state\" class=\"state {Html.E(css)}\">{Html.E(state)}{detail}</td>";
    }
}
