using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Tarnfui.EndToEnd.Dashboard;

/// <summary>
/// The read-only dashboard of <c>sandbox serve --dashboard</c> in headless chromium: what the overview counts is what
/// <c>kubectl tarnfui status -o json</c> reports, no action is offered and the action endpoints answer 403, and every
/// read-only page works with JavaScript disabled.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ReadOnlyDashboardTests(ReadOnlyDashboardFixture fixture)
{
    private ServedDashboard Dashboard => fixture.Dashboard;

    [Fact]
    public async Task The_overview_shows_the_counts_of_kubectl_tarnfui_status()
    {
        var status = await Dashboard.PluginAsync("status", "-A", "-o", "json");
        status.ExitCode.ShouldBe(0, status.Error);
        var report = JsonNode.Parse(status.Out)!;
        var held = report["heldDown"]!.AsArray();
        var suspended = report["cronJobs"]!.AsArray().Count(c => c!["state"]!.GetValue<string>() == "suspended-by-tarnfui");
        int HeldOf(string kind) => held.Count(h => h!["kind"]!.GetValue<string>() == kind);
        static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

        await using var browser = await BrowserSession.StartAsync();
        (await browser.GotoAsync(Dashboard.Url)).ShouldBe(200);

        // The dashboard's model follows the cluster by watches: it shows status's total once it has caught up.
        await browser.WaitForTextAsync("[data-testid=held-total]", Text(held.Count + suspended));
        (await browser.TextAsync("[data-testid=held-deployments]")).ShouldBe(Text(HeldOf("Deployment")));
        (await browser.TextAsync("[data-testid=held-statefulsets]")).ShouldBe(Text(HeldOf("StatefulSet")));
        (await browser.TextAsync("[data-testid=held-cronjobs]")).ShouldBe(Text(suspended));
        (await browser.TextAsync("[data-testid=replicas-held]")).ShouldBe(Text(held.Sum(h => h!["originalReplicas"]!.GetValue<int>())));
        (await browser.CountAsync("[data-testid=held-row]")).ShouldBe(held.Count);
        (await browser.ProblemsAsync()).ShouldBeEmpty();

        // Not vacuous: the night held Deployments, StatefulSets and CronJobs.
        HeldOf("Deployment").ShouldBeGreaterThan(0);
        HeldOf("StatefulSet").ShouldBeGreaterThan(0);
        suspended.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Without_allow_changes_no_action_is_offered_and_the_action_endpoints_answer_403()
    {
        await using var browser = await BrowserSession.StartAsync();
        (await browser.GotoAsync(Dashboard.Url)).ShouldBe(200);
        (await browser.FollowAsync("[data-testid=held-row] a")).ShouldBe(200);
        var path = await browser.PathAsync();
        path.ShouldStartWith("/workloads/");
        (await browser.CountAsync("form")).ShouldBe(0);
        (await browser.CountAsync("[data-testid^=action-]")).ShouldBe(0);

        // A hand-made POST, as another page or a script could send it, is refused all the same.
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        using var http = new HttpClient { BaseAddress = Dashboard.Url };
        foreach (var action in (string[])["wake", "sleep", "restore"])
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["namespace"] = Uri.UnescapeDataString(segments[1]),
                ["kind"] = Uri.UnescapeDataString(segments[2]),
                ["name"] = Uri.UnescapeDataString(segments[3]),
                ["for"] = "2h",
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, $"actions/{action}") { Content = form };
            request.Headers.Add("Origin", Dashboard.Url.GetLeftPart(UriPartial.Authority));
            using var response = await http.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, action);
        }
    }

    [Fact]
    public async Task The_read_only_pages_work_with_JavaScript_disabled()
    {
        await using var browser = await BrowserSession.StartAsync(javaScript: false);
        (await browser.GotoAsync(Dashboard.Url)).ShouldBe(200);

        // The script never ran: it would have marked the page live.
        (await browser.TextAsync("#live")).ShouldBe(string.Empty);
        int.Parse((await browser.TextAsync("[data-testid=held-total]"))!, CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        (await browser.CountAsync("[data-testid=ns-row]")).ShouldBeGreaterThan(0);

        // Plain links lead to the namespace page with its timeline, and to a workload's explanation.
        (await browser.FollowAsync("[data-testid=ns-row] a[href^='/namespaces/team-']")).ShouldBe(200);
        (await browser.CountAsync("svg[data-testid=timeline]")).ShouldBe(1);
        (await browser.CountAsync("[data-testid=now-marker]")).ShouldBe(1);
        (await browser.TextAsync("[data-testid=state]")).ShouldBe("off-hours");
        (await browser.FollowAsync("[data-testid=held-row] a")).ShouldBe(200);
        (await browser.PathAsync()).ShouldStartWith("/workloads/team-");
        (await browser.TextAsync("[data-testid=state]")).ShouldNotBeNullOrEmpty();
    }
}
