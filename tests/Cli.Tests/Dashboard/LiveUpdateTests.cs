using NodaTime;
using Tarnfui.Cli.Dashboard;
using Tarnfui.Cli.Tests.Cluster;
using Tarnfui.Testing;

namespace Tarnfui.Cli.Tests.Dashboard;

[Collection("Sandbox")]
public partial class LiveUpdateTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task The_model_follows_a_watch_event_and_page_views_read_nothing_from_the_api_server()
    {
        // Served, the Rollouts are watched like the rest; without the CRD the model would ask again after its backoff,
        // a read of its own that this test would have to tell from a page's.
        await ArgoRollouts.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns });
        DashboardPage.Number(await dashboard.PageAsync("/"), "held-total").ShouldBe(1);

        await sandbox.StoppedStatefulSetAsync(ns, "db", original: 2);

        await Eventually.UntilAsync(async () => DashboardPage.Number(await dashboard.PageAsync("/"), "held-total") == 2, "the dashboard shows the new StatefulSet");
        var reads = new List<string>();
        sandbox.BeforeRequest = request =>
        {
            // The clock is read on its own interval; anything else would be a read made for a page view.
            if (request.Path != "/version" && request.Path != "/version/" && !request.Query.ContainsKey("watch"))
            {
                lock (reads)
                {
                    reads.Add($"{request.Method} {request.Path}{request.QueryString}");
                }
            }

            return Task.CompletedTask;
        };
        try
        {
            for (var i = 0; i < 3; i++)
            {
                DashboardPage.Number(await dashboard.PageAsync("/"), "held-statefulsets").ShouldBe(1);
                await dashboard.PageAsync($"/namespaces/{ns}");
            }
        }
        finally
        {
            sandbox.BeforeRequest = null;
        }

        reads.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_event_stream_pushes_after_a_change_in_the_cluster()
    {
        var ns = await sandbox.NamespaceAsync();
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns, FixedNow = SandboxFixture.Start });
        await using var events = await EventStream.OpenAsync(dashboard.Http);
        var (first, _) = await events.NextAsync();
        DashboardPage.Number(await dashboard.PageAsync("/"), "held-total").ShouldBe(0);

        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);

        var (pushed, _) = await events.NextAsync();
        pushed.ShouldBeGreaterThan(first);
        var page = await dashboard.PageAsync("/");
        DashboardPage.Number(page, "held-total").ShouldBe(1);
        long.Parse(Version().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(pushed);
    }

    [Fact]
    public async Task The_event_stream_pushes_when_the_simulated_clock_passes_19_00_and_the_page_then_says_off_hours()
    {
        var ns = await sandbox.NamespaceAsync();
        var clock = sandbox.Server.Clock;
        var before = clock.GetCurrentInstant();
        var evening = Instant.FromUtc(2026, 11, 24, 18, 58);
        clock.SetTo(evening);
        try
        {
            await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns });
            await using var events = await EventStream.OpenAsync(dashboard.Http);
            await events.NextAsync();
            DashboardPage.Value(await dashboard.PageAsync("/"), "next-transition").ShouldStartWith("Global schedule: ");
            (await dashboard.PageAsync("/")).ShouldContain("Global schedule: <strong>working hours</strong>");

            clock.SetTo(evening + Duration.FromMinutes(3));

            var (_, now) = await events.UntilAsync(e => e.Now >= Instant.FromUtc(2026, 11, 24, 19, 0));
            now.ShouldBeLessThan(Instant.FromUtc(2026, 11, 25, 7, 0));
            (await dashboard.PageAsync("/")).ShouldContain("Global schedule: <strong>off-hours</strong>");
        }
        finally
        {
            clock.SetTo(before);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("<body data-version=\"(\\d+)\"")]
    private static partial System.Text.RegularExpressions.Regex Version();
}
