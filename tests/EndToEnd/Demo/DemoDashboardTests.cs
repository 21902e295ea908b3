using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Sandbox.Demo;
using Tarnfui.Testing;

namespace Tarnfui.EndToEnd.Demo;

/// <summary>
/// <c>sandbox demo --dashboard</c>: the demo's cluster serves the same read-only dashboard as <c>sandbox serve
/// --dashboard</c>, and it follows the demo: after the evening's sweep it shows what was stopped.
/// </summary>
public sealed partial class DemoDashboardTests
{
    [Fact]
    public async Task The_demo_serves_the_dashboard_and_it_shows_the_evening_sweep()
    {
        var options = new DemoOptions
        {
            Namespaces = 3,
            Deployments = 30,
            StatefulSets = 3,
            ZeroFraction = 0.5,
            Friday = new LocalDate(2026, 11, 20),
            Dashboard = true,
        };
        options.Validate().ShouldBeNull();
        var script = DemoScript.For(options.Friday!.Value, DateTimeZoneProviders.Tzdb[options.TimeZone], options.Tick);
        await using var cluster = await DemoCluster.StartAsync(options, script, CancellationToken.None);
        var dashboard = cluster.Dashboard.ShouldNotBeNull();
        using var http = new HttpClient { BaseAddress = dashboard.BaseUrl };
        (await HeldAsync(http)).ShouldBe(0, "nothing is stopped before the evening");

        cluster.MoveTo(script.Evening);
        var report = await cluster.Sweeper.SweepAsync();

        report.Stopped.Count.ShouldBeGreaterThan(0);
        await Eventually.UntilAsync(async () => await HeldAsync(http) == report.Stopped.Count, "the dashboard shows every workload the evening sweep stopped");
        (await http.GetStringAsync(new Uri("/", UriKind.Relative))).ShouldNotContain("data-testid=\"action-", Case.Sensitive, "the demo's dashboard is read-only");

        // The sweeper writes its Events through events.k8s.io; the workload page reads them through the core API, as
        // kubectl describe does: one storage behind both, as in kube-apiserver.
        var stopped = report.Stopped[0];
        var workload = await http.GetStringAsync(new Uri($"/workloads/{stopped.Namespace}/{stopped.Kind.Kind.ToLowerInvariant()}/{stopped.Name}", UriKind.Relative));
        workload.ShouldContain($"<td>{WellKnown.EventReasons.Stopped}</td>", Case.Sensitive, "the page lists the sweeper's Stopped Event");
    }

    private static async Task<int> HeldAsync(HttpClient http)
    {
        var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        var match = HeldTotal().Match(page);
        match.Success.ShouldBeTrue("the overview shows how many workloads are held");
        return int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("data-testid=\"held-total\"[^>]*>([0-9]+)<")]
    private static partial Regex HeldTotal();
}
