using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Cli.Dashboard;
using Tarnfui.Cli.Tests.Cluster;
using Tarnfui.Core;
using Tarnfui.Core.Schedule;

namespace Tarnfui.Cli.Tests.Dashboard;

[Collection("Sandbox")]
public partial class NamespacePageTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task The_week_timeline_follows_the_schedules_zone_across_the_end_of_summer_time()
    {
        // Europe/Berlin leaves summer time on Sunday 2026-10-25 at 03:00 CEST: the week from Monday the 19th lasts 169 hours.
        var ns = await sandbox.NamespaceAsync(new() { [WellKnown.Annotations.Uptime] = "Mon-Sun 07:00-19:00 Europe/Berlin" });
        var saturday = Instant.FromUtc(2026, 10, 24, 12, 0);
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns, FixedNow = saturday });

        var page = await dashboard.PageAsync($"/namespaces/{ns}");

        DashboardPage.Count(page, "timeline").ShouldBe(1);
        var intervals = Intervals(page);
        intervals.Min(i => i.Start).ShouldBe(Instant.FromUtc(2026, 10, 18, 22, 0), "Monday 00:00 CEST");
        intervals.Max(i => i.End).ShouldBe(Instant.FromUtc(2026, 10, 25, 23, 0), "the next Monday 00:00 CET");
        var working = intervals.Where(i => i.Kind == "work").Distinct().OrderBy(i => i.Start).ToList();
        working.Count.ShouldBe(7);
        working.Take(6).ShouldAllBe(i => i.Start.InUtc().Hour == 5 && i.End.InUtc().Hour == 17, "07:00 to 19:00 CEST");
        working[6].Start.ShouldBe(Instant.FromUtc(2026, 10, 25, 6, 0), "07:00 CET on the Sunday");
        working[6].End.ShouldBe(Instant.FromUtc(2026, 10, 25, 18, 0));

        // Every hour of the week is drawn once: working and off-hours intervals tile it without a gap.
        var tiled = intervals.Distinct().OrderBy(i => i.Start).ToList();
        tiled.Zip(tiled.Skip(1)).ShouldAllBe(pair => pair.First.End == pair.Second.Start);
        Regex.IsMatch(page, $"data-testid=\"now-marker\" data-at=\"2026-10-24T12:00:00Z\"").ShouldBeTrue();
    }

    [Fact]
    public async Task An_invalid_annotation_is_highlighted_with_its_exact_error()
    {
        const string spec = "Mon-Fri 25:00-19:00";
        var ns = await sandbox.NamespaceAsync(new() { [WellKnown.Annotations.Uptime] = spec });
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns });

        var page = await dashboard.PageAsync($"/namespaces/{ns}");

        var error = ScheduleSpec.Parse(spec).Error;
        error.ShouldNotBeNullOrEmpty();
        var alert = AlertText().Match(page);
        alert.Success.ShouldBeTrue(page);
        alert.Groups["text"].Value.ShouldContain(WellKnown.Annotations.Uptime);
        alert.Groups["text"].Value.ShouldContain(System.Net.WebUtility.HtmlEncode(error));
        DashboardPage.Value(page, "state").ShouldBe("invalid");
    }

    [Fact]
    public async Task Text_read_from_the_cluster_is_escaped()
    {
        const string hostile = "<script>alert('x')</script>";
        var ns = await sandbox.NamespaceAsync(new() { [WellKnown.Annotations.ExcludeUntil] = hostile });
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 2, annotations: new() { [WellKnown.Annotations.ExcludeUntil] = hostile });
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns });

        var page = await dashboard.PageAsync($"/namespaces/{ns}");
        var workload = await dashboard.PageAsync($"/workloads/{ns}/deployment/api");

        foreach (var html in new[] { page, workload })
        {
            html.ShouldNotContain(hostile);
            html.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        }
    }

    private static List<(Instant Start, Instant End, string Kind)> Intervals(string page) =>
        [.. Rect().Matches(page).Select(m => (Parse(m.Groups["start"].Value), Parse(m.Groups["end"].Value), m.Groups["kind"].Value))];

    private static Instant Parse(string text) => InstantPattern.General.Parse(text).Value;

    [GeneratedRegex("<rect class=\"[^\"]*\"[^>]*data-kind=\"(?<kind>[^\"]+)\" data-start=\"(?<start>[^\"]+)\" data-end=\"(?<end>[^\"]+)\"")]
    private static partial Regex Rect();

    [GeneratedRegex("<p class=\"error\" role=\"alert\">(?<text>[^\\n]*)</p>")]
    private static partial Regex AlertText();
}
