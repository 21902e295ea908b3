using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Bench.Scenarios.SweepCost;
using Tarnfui.Cli;
using Tarnfui.Cli.Dashboard;
using Tarnfui.Emulator.Accounting;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Bench.Scenarios.Dashboard;

/// <summary>
/// <c>scenario dashboard</c>: for each cluster size (seeded as <c>sweep-cost</c> seeds it), what opening the dashboard
/// costs the API server. First <c>kubectl tarnfui status -A</c> runs once, for the lists it makes; then the dashboard
/// starts through <see cref="DashboardServer.StartAsync(k8s.KubernetesClientConfiguration, DashboardOptions, CancellationToken)"/>
/// and serves its overview once: the time until that HTML is back (start and first render together) and the requests
/// and bytes the dashboard's identity sent, from the sandbox's request counters; then several page views, and what
/// the API server saw meanwhile.
/// </summary>
internal static class DashboardRun
{
    public const string Name = "dashboard";
    public const string Heading = "## Dashboard: server cost";

    private const int PageViews = 10;

    // Monday 19:00 UTC, the evening of the default uptime; the clock stands still (speed 0).
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 23, 19, 0);

    public static async Task<ScenarioOutcome> RunAsync(ScenarioSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var machine = MachineFacts.Now();
        var runs = new List<DashboardCost>();
        foreach (var size in settings.Sizes.Order())
        {
            runs.Add(await RunSizeAsync(size, log, cancellationToken));
        }

        var largest = runs[^1];
        List<TargetCheck> targets =
        [
            TargetCheck.Below($"first overview HTML at {largest.Size:N0} Deployments, s", largest.FirstRenderSeconds, 2, v => v.ToString("F2", CultureInfo.InvariantCulture) + " s"),
            new($"lists at start at {largest.Size:N0} = status's lists", $"{largest.StartLists} = {largest.StatusLists}", largest.StartLists == largest.StatusLists),
            TargetCheck.AtMost($"requests per page view at {largest.Size:N0}", largest.PageViewRequests / (double)PageViews, 0, TargetCheck.Count),
        ];
        var markdown = Markdown(settings, machine, runs, targets);
        var figures = new JsonObject
        {
            ["command"] = settings.Command,
            ["machine"] = machine.ToJson(),
            ["pageViews"] = PageViews,
            ["runs"] = new JsonArray([.. runs.Select(r => (JsonNode)r.ToJson())]),
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t.ToJson())]),
        };
        return new ScenarioOutcome(Name, markdown, figures, targets);
    }

    private static async Task<DashboardCost> RunSizeAsync(int size, TextWriter log, CancellationToken cancellationToken)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Evening, Speed = 0 }, cancellationToken);
        var seeded = server.Seed(SweepCostRun.Shape(size));
        await server.Controllers.SettledAsync(TimeSpan.FromMinutes(Math.Max(5, 5.0 * size / 100_000)));
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"dashboard {size:N0}: seeded {seeded.Workloads:N0} workloads in {seeded.Elapsed.TotalSeconds:F1} s"));

        var directory = Directory.CreateTempSubdirectory("tarnfui-dashboard-");
        try
        {
            var kubeconfig = server.WriteKubeconfig(Path.Combine(directory.FullName, "cli"), EmulatorUsers.Cli);
            server.Stats.Reset();
            var exit = await CliApp.RunAsync(["status", "-A", "-o", "json", "--kubeconfig", kubeconfig], TextWriter.Null, TextWriter.Null, server.Clock, cancellationToken);
            var status = Cost(server.Stats.Snapshot());
            if (exit != CliApp.ExitOk)
            {
                throw new InvalidOperationException($"status -A failed with exit code {exit}");
            }

            server.Stats.Reset();
            var started = Stopwatch.StartNew();
            // The cluster's time is read again rarely here, so that what page views cost is theirs alone.
            await using var dashboard = await DashboardServer.StartAsync(
                server.ClientConfiguration(EmulatorUsers.Cli), new DashboardOptions { ClockInterval = TimeSpan.FromHours(1) }, cancellationToken);
            using var http = new HttpClient { BaseAddress = dashboard.BaseUrl };
            var first = await http.GetStringAsync(new Uri("/", UriKind.Relative), cancellationToken);
            started.Stop();
            var start = Cost(server.Stats.Snapshot());

            server.Stats.Reset();
            for (var view = 0; view < PageViews; view++)
            {
                await http.GetStringAsync(new Uri(view % 2 == 0 ? "/" : "/namespaces/default", UriKind.Relative), cancellationToken);
            }

            var views = Cost(server.Stats.Snapshot());
            var cost = new DashboardCost(size, started.Elapsed.TotalSeconds, Encoding.UTF8.GetByteCount(first), status.Lists, status.Bytes, start.Lists, start.Requests, start.Bytes, start.NotServed, views.Requests, views.NotServed);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"dashboard {size:N0}: first overview in {cost.FirstRenderSeconds:F2} s; {start.Requests} requests ({start.Lists} lists, status makes {status.Lists}), {ByteSize.Format(start.Bytes)}; {views.Requests} requests over {PageViews} page views"));
            return cost;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // The CLI identity's requests, not counting its open watches (they are counted when they end) nor the 404s of
    // custom resources the cluster does not serve, which the model asks for again after a backoff whatever the pages do.
    private static (long Requests, long Lists, long Bytes, long NotServed) Cost(RequestStatsSnapshot stats)
    {
        var mine = stats.Counts.Where(c => c.User == EmulatorUsers.Cli && c.Verb != "watch").ToList();
        var served = mine.Where(c => c.Code != 404).ToList();
        return (served.Sum(c => c.Requests), served.Where(c => c.Verb == "list").Sum(c => c.Requests), mine.Sum(c => c.Bytes), mine.Where(c => c.Code == 404).Sum(c => c.Requests));
    }

    private static string Markdown(ScenarioSettings settings, MachineFacts machine, IReadOnlyList<DashboardCost> runs, IReadOnlyList<TargetCheck> targets)
    {
        var md = MarkdownSections.Begin(Heading, settings, machine)
            .AppendLine("What opening `kubectl tarnfui dashboard -A` costs the API server on the seeded cluster of `sweep-cost` (99 % of the")
            .AppendLine("Deployments at zero, none held by Tarnfui): `status -A` runs once first, for the lists it makes; then the dashboard")
            .AppendLine("starts through its public seam and its overview is fetched once (the time covers the start, the reads and the first")
            .AppendLine($"render), then {PageViews} page views (overview and a namespace page in turn). Requests and bytes are the CLI identity's,")
            .AppendLine("from the sandbox's counters; open watches are not counted. The 404s of the Rollout and ScaledObject CRDs this")
            .AppendLine("cluster does not serve are counted apart (status asks once; the model asks again after a capped backoff, whatever")
            .AppendLine("the pages do), and the lists compared are the answered ones.").AppendLine()
            .AppendLine("| Deployments | first overview HTML | page bytes | status lists | status bytes | dashboard lists at start | requests at start | bytes at start | 404s at start | requests over page views | 404 re-asks meanwhile |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Size:N0} | {r.FirstRenderSeconds:F2} s | {ByteSize.Format(r.PageBytes)} | {r.StatusLists} | {ByteSize.Format(r.StatusBytes)} | {r.StartLists} | {r.StartRequests} | {ByteSize.Format(r.StartBytes)} | {r.NotServedAtStart} | {r.PageViewRequests} | {r.NotServedMeanwhile} |"));
        }

        return md.AppendLine().AppendLine(TargetCheck.Table(targets)).ToString();
    }
}

/// <summary>One size's figures of <c>scenario dashboard</c>.</summary>
internal sealed record DashboardCost(
    int Size, double FirstRenderSeconds, long PageBytes, long StatusLists, long StatusBytes, long StartLists, long StartRequests, long StartBytes, long NotServedAtStart, long PageViewRequests, long NotServedMeanwhile)
{
    public JsonObject ToJson() => new()
    {
        ["deployments"] = Size,
        ["firstOverviewSeconds"] = Math.Round(FirstRenderSeconds, 3),
        ["pageBytes"] = PageBytes,
        ["statusLists"] = StatusLists,
        ["statusBytes"] = StatusBytes,
        ["startLists"] = StartLists,
        ["startRequests"] = StartRequests,
        ["startBytes"] = StartBytes,
        ["notServedAtStart"] = NotServedAtStart,
        ["pageViewRequests"] = PageViewRequests,
        ["notServedMeanwhile"] = NotServedMeanwhile,
    };
}
