using Tarnfui.Cli.Dashboard;
using Tarnfui.Cli.Tests.Cluster;
using Tarnfui.Emulator.Accounting;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Cli.Tests.Dashboard;

/// <summary>
/// What the dashboard asks of the API server, counted by the sandbox: at start, the lists <c>status</c> makes; for page
/// views, nothing. The tests of this collection run one at a time, so the CLI identity's requests between two snapshots
/// are this test's.
/// </summary>
[Collection("Sandbox")]
public class ServerCostTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task The_dashboard_lists_what_status_lists_once_and_page_views_send_no_request()
    {
        // Both CRDs served, so no list answers 404 and is asked again after a backoff while the pages are viewed.
        await ArgoRollouts.InstallAsync(sandbox.Server);
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 2);
        await sandbox.CronJobAsync(ns, "nightly", suspend: false);

        var beforeStatus = Snapshot();
        (await sandbox.RunAsync("status", "-A")).ExitCode.ShouldBe(0);
        var statusLists = ListsSince(beforeStatus);

        var beforeStart = Snapshot();
        // The cluster's time is read once at start and not again during the test: what is counted is the pages' cost.
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions(), clockInterval: TimeSpan.FromHours(1));
        await dashboard.PageAsync("/");
        var startLists = ListsSince(beforeStart);

        var beforeViews = Snapshot();
        for (var view = 0; view < 3; view++)
        {
            await dashboard.PageAsync("/");
            await dashboard.PageAsync($"/namespaces/{ns}");
        }

        var viewRequests = Since(beforeViews).Where(c => c.Verb != "watch").ToList();

        startLists.ShouldBe(statusLists);
        startLists.Keys.ShouldContain("deployments");
        viewRequests.ShouldBeEmpty();
    }

    private RequestStatsSnapshot Snapshot() => sandbox.Server.Stats.Snapshot();

    // The CLI identity's requests since an earlier snapshot, per verb, resource and answer.
    private List<RequestCount> Since(RequestStatsSnapshot before)
    {
        long Earlier(RequestCount c) => before.Counts.Where(b => (b.Verb, b.Resource, b.User, b.Code) == (c.Verb, c.Resource, c.User, c.Code)).Sum(b => b.Requests);
        return [.. Snapshot().Counts.Where(c => c.User == EmulatorUsers.Cli).Select(c => c with { Requests = c.Requests - Earlier(c) }).Where(c => c.Requests > 0)];
    }

    private SortedDictionary<string, long> ListsSince(RequestStatsSnapshot before) =>
        new(Since(before).Where(c => c.Verb == "list").GroupBy(c => c.Resource).ToDictionary(g => g.Key, g => g.Sum(c => c.Requests)), StringComparer.Ordinal);
}
