using System.Text;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Dashboard.Pages;

/// <summary>
/// The forms of wake, sleep and restore for one workload: plain HTML POSTs (they work without JavaScript), each with
/// the server's CSRF token in a hidden field. Rendered only when the dashboard was started with <c>--allow-changes</c>.
/// </summary>
internal static class ActionForms
{
    /// <summary>The actions, as the URL segment of their endpoint.</summary>
    public static readonly string[] Names = ["wake", "sleep", "restore"];

    public static string Render(WorkloadRef workload, string csrf, IEnumerable<string> actions)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var html = new StringBuilder();
        foreach (var action in actions)
        {
            var id = $"{action}-{workload.Kind.Kind}-{workload.Name}".ToLowerInvariant();
            html.Append("<form class=\"action\" method=\"post\" action=\"/actions/").Append(action).Append("\" data-testid=\"action-").Append(action).Append("\">")
                .Append("<input type=\"hidden\" name=\"csrf\" value=\"").Append(Html.E(csrf)).Append("\">")
                .Append("<input type=\"hidden\" name=\"namespace\" value=\"").Append(Html.E(workload.Namespace)).Append("\">")
                .Append("<input type=\"hidden\" name=\"kind\" value=\"").Append(Html.E(workload.Kind.Kind)).Append("\">")
                .Append("<input type=\"hidden\" name=\"name\" value=\"").Append(Html.E(workload.Name)).Append("\">");
            if (action == "wake")
            {
                html.Append("<label for=\"").Append(Html.E(id)).Append("\">for</label> <input id=\"").Append(Html.E(id))
                    .Append("\" name=\"for\" value=\"2h\" size=\"5\" required aria-describedby=\"duration-hint\">");
            }

            html.Append("<button type=\"submit\">").Append(action switch { "wake" => "Wake", "sleep" => "Sleep now", _ => "Restore" })
                .Append("<span class=\"skip\"> ").Append(Html.E(workload.Name)).Append("</span></button></form>");
        }

        return html.ToString();
    }

    /// <summary>The hint the wake forms point to.</summary>
    public const string DurationHint = "<p id=\"duration-hint\" class=\"note\">Wake takes a duration such as 90m, 2h or 1h30m: the workload is restored now and excluded until then.</p>\n";
}
