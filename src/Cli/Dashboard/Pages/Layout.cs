using System.Text;
using NodaTime;

namespace Tarnfui.Cli.Dashboard.Pages;

/// <summary>
/// The page around every view: semantic landmarks, the embedded stylesheet and script, the cluster's time and the
/// model's version (the script compares it with what <c>/events</c> pushes and swaps <c>main</c> when it moved).
/// Everything is rendered on the server; without JavaScript the page is complete, it only stops updating itself.
/// </summary>
/// <remarks>
/// Stable hooks for browser tests (<c>data-testid</c>): <c>held-total</c>, <c>held-deployments</c>,
/// <c>held-statefulsets</c>, <c>held-scaledobjects</c>, <c>held-cronjobs</c>, <c>held-jobs</c>, <c>replicas-held</c>,
/// <c>next-transition</c> (overview); <c>ns-row</c> (a namespace's row); <c>held-row</c> (a held workload's row);
/// <c>state</c> (a state cell); <c>timeline</c> (the week's SVG) and <c>now-marker</c> (its line for now);
/// <c>action-wake</c>, <c>action-sleep</c>, <c>action-restore</c> (the action forms); <c>action-result</c> (what an
/// action did); <c>cluster-time</c> (the time every page is evaluated at).
/// </remarks>
internal static class Layout
{
    /// <summary>
    /// A whole page. <paramref name="live"/>: whether it keeps itself current (the script that fetches its own URL again
    /// when <c>/events</c> says the model moved). The answer to an action is not: its URL takes a POST only, and what
    /// it says is what the action did, once.
    /// </summary>
    public static string Page(string title, string body, Instant now, long version, string scope, bool live = true)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Html.E(title)).Append(" · Tarnfui</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">\n")
            .Append("<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">\n")
            .Append(live ? "<script src=\"/assets/dashboard.js\" defer></script>\n" : string.Empty)
            .Append("</head>\n<body data-version=\"").Append(Html.Number(version)).Append("\">\n")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
            .Append("<header><nav aria-label=\"Main\"><a href=\"/\" class=\"brand\">Tarnfui</a> <span class=\"scope\">")
            .Append(Html.E(scope)).Append("</span></nav>")
            .Append("<p class=\"clock\">Cluster time <span data-testid=\"cluster-time\" id=\"cluster-time\">").Append(Html.Time(now)).Append("</span>")
            .Append(" <span id=\"live\" class=\"live\" aria-live=\"polite\"></span></p></header>\n")
            .Append("<main id=\"main\">\n<h1>").Append(Html.E(title)).Append("</h1>\n")
            .Append(body)
            .Append("</main>\n<footer><p>Read with your own kubeconfig and RBAC; kept current by watches. ")
            .Append("<a href=\"/\">Overview</a></p></footer>\n</body>\n</html>\n");
        return html.ToString();
    }
}
