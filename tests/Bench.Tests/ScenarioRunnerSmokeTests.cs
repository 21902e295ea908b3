using System.Text.Json.Nodes;
using Tarnfui.Bench.Scenarios;

namespace Tarnfui.Bench.Tests;

/// <summary>
/// The scenario runner at smoke sizes (a 300-Deployment cluster, 400 pods, sub-second load runs, one start each,
/// 500 junk reviews): every scenario runs end to end through the real programs and writes sane figures, so the
/// runner cannot rot. Timings are not asserted; the ratios that hold at any size are. It runs alone, after the other
/// test classes: the sweep-cost scenario weighs the emulator's store as the growth of this process's live heap, which
/// a sweep-cost test seeding or dropping its own emulator alongside would move either way.
/// </summary>
[Collection(Alone)]
public sealed class ScenarioRunnerSmokeTests : IDisposable
{
    public const string Alone = "scenario runner, alone in the process";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tarnfui-bench-smoke-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Every_scenario_runs_at_smoke_size_and_writes_its_sections_and_sane_figures()
    {
        var markdown = Path.Combine(_directory.FullName, "benchmarks.md");
        var json = Path.Combine(_directory.FullName, "benchmarks.json");
        await File.WriteAllTextAsync(markdown, "# Benchmarks\n\n## Kept\n\nanother command's section\n");
        using var log = new StringWriter();

        var exit = await ScenarioCommand.RunAsync(["all", "--smoke", "--out", markdown, "--json", json], log);

        exit.ShouldBe(0, log.ToString());
        var document = await File.ReadAllTextAsync(markdown);
        document.ShouldContain("## Kept\n\nanother command's section\n");
        foreach (var heading in new[] { "## Sweep cost", "## Sweeper memory", "## Webhook under load", "## Start-up", "## Webhook under abuse", "## Notifications: a receiver that hangs", "## Dashboard: server cost" })
        {
            document.ShouldContain(heading + "\n");
        }

        var figures = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        var scenarios = figures["scenarios"]!.AsObject();
        scenarios.Select(s => s.Key).ShouldBe(["sweep-cost", "sweeper-memory", "webhook", "startup", "webhook-abuse", "notification-cost", "dashboard"], ignoreOrder: true);

        // Every scenario's targets, once, in the summary at the top of both files, and the run's last line counts them.
        var summary = figures["targets"]!.AsArray();
        summary.Count.ShouldBe(scenarios.Sum(s => s.Value!["targets"]!.AsArray().Count));
        summary.Select(t => (string)t!["scenario"]!).Distinct().Count().ShouldBe(scenarios.Count);
        document.IndexOf("\n## Targets\n", StringComparison.Ordinal).ShouldBeLessThan(document.IndexOf("\n## Kept\n", StringComparison.Ordinal));
        var held = summary.Count(t => (bool)t!["holds"]!);
        log.ToString().TrimEnd().Split('\n')[^1].ShouldStartWith($"targets: {held} of {summary.Count} hold");
        foreach (var (_, scenario) in scenarios)
        {
            ((string?)scenario!["command"] ?? "").ShouldContain("scenario all --smoke");
            ((int?)scenario["machine"]!["cores"]).ShouldBe(Environment.ProcessorCount);
            scenario["targets"]!.AsArray().ShouldNotBeEmpty();
        }

        SweepCostIsSane(scenarios["sweep-cost"]!);
        foreach (var run in scenarios["sweeper-memory"]!["runs"]!.AsArray())
        {
            ((long)run!["peakMemory"]!["vmHwmBytes"]!).ShouldBeGreaterThan(10_000_000);
            ((int)run["podPages"]!).ShouldBeGreaterThanOrEqualTo(1);
        }

        scenarios["webhook"]!["endpoints"]!.AsArray().ShouldAllBe(e => (double)e!["admissionsPerSecond"]! > 0 && (double)e["p99Ms"]! > 0);
        ((double)scenarios["startup"]!["webhookReadyMedianSeconds"]!).ShouldBeGreaterThan(0);
        ((double)scenarios["startup"]!["sweeperFirstSweepMedianSeconds"]!).ShouldBeGreaterThan(0);
        WebhookAbuseIsSane(scenarios["webhook-abuse"]!);
        var notifications = scenarios["notification-cost"]!;
        ((int)notifications["heldRequests"]!).ShouldBe(1, "the hanging receiver held the evening's message through the timed restore");
        notifications["withoutTargetMs"]!.AsArray().ShouldHaveSingleItem();
        ((double)notifications["ratio"]!).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_webhook_abuse_scenario_runs_alone_at_smoke_size()
    {
        var markdown = Path.Combine(_directory.FullName, "benchmarks.md");
        var json = Path.Combine(_directory.FullName, "benchmarks.json");
        using var log = new StringWriter();

        var exit = await ScenarioCommand.RunAsync(["webhook-abuse", "--smoke", "--out", markdown, "--json", json], log);

        exit.ShouldBe(0, log.ToString());
        (await File.ReadAllTextAsync(markdown)).ShouldContain("## Webhook under abuse\n");
        var scenario = JsonNode.Parse(await File.ReadAllTextAsync(json))!["scenarios"]!["webhook-abuse"]!;
        ((string?)scenario["command"] ?? "").ShouldContain("scenario webhook-abuse --smoke");
        scenario["targets"]!.AsArray().Count.ShouldBe(3);
        WebhookAbuseIsSane(scenario);
    }

    // Every junk review is answered, and none of them becomes a series: the admission metrics take fixed label values
    // only (5 operations × 5 resources × 5 decisions, twice with dry runs), whatever was sent.
    private static void WebhookAbuseIsSane(JsonNode abuse)
    {
        var junk = abuse["junk"]!;
        ((int)junk["reviews"]!).ShouldBe(500);
        ((int)junk["statuses"]!["200"]!).ShouldBe(500);
        ((int)abuse["admissionSeriesAfter"]!).ShouldBeLessThanOrEqualTo(250);
        ((long)abuse["metricsBytesAfter"]!).ShouldBeGreaterThan(0);
        ((long)abuse["rssAfterBytes"]!).ShouldBeGreaterThan(10_000_000);
        ((int)abuse["longSchedule"]!["requests"]!).ShouldBeGreaterThanOrEqualTo(1);
        ((double)abuse["longSchedule"]!["p99Ms"]!).ShouldBeGreaterThan(0);
        ((string?)abuse["longSchedule"]!["decision"] ?? "").ShouldNotBeEmpty();
    }

    private static void SweepCostIsSane(JsonNode sweepCost)
    {
        var phases = sweepCost["phases"]!.AsArray().Select(p => p!).ToList();
        JsonNode Phase(string sweeper, string phase) => phases.Single(p => (string?)p["sweeper"] == sweeper && (string?)p["phase"] == phase);

        foreach (var phase in new[] { "first stop sweep", "restore sweep" })
        {
            var tarnfui = Phase("tarnfui", phase);
            var naive = Phase("naive", phase);
            ((int)tarnfui["actions"]!).ShouldBe(3, $"1 % of 300 Deployments, {phase}");
            ((int)naive["actions"]!).ShouldBe(3, $"the naive sweeper makes the same decisions, {phase}");
            ((long)tarnfui["responseBytes"]!).ShouldBeLessThan((long)naive["responseBytes"]!);
            ((long)tarnfui["peakMemory"]!["vmHwmBytes"]!).ShouldBeGreaterThan(0);
        }

        var night = Phase("tarnfui", "night sweep");
        ((long)night["requests"]!).ShouldBeLessThanOrEqualTo(5);
        ((long)night["responseBytes"]!).ShouldBeLessThan((long)Phase("naive", "night sweep")["responseBytes"]!);

        var nights = sweepCost["nights"]!.AsArray().Select(n => n!).ToList();
        var tarnfuiNight = nights.Single(n => (string?)n["sweeper"] == "tarnfui");
        var naiveNight = nights.Single(n => (string?)n["sweeper"] == "naive");
        ((int)tarnfuiNight["nightTicks"]!).ShouldBe(1_440);
        ((long)tarnfuiNight["responseBytes"]!).ShouldBeLessThan((long)naiveNight["responseBytes"]! / 100);

        // The largest cluster again with one CronJob per ten Deployments, one ScaledObject and one Rollout per hundred:
        // the CronJobs all suspended in the evening and resumed in the morning, and the night sweep reads none of them.
        var newKinds = sweepCost["newKindsNight"]!;
        ((int)newKinds["cronJobs"]!).ShouldBe(30);
        ((int)newKinds["scaledObjects"]!).ShouldBe(3);
        ((int)newKinds["rollouts"]!).ShouldBe(3);
        var newKindPhases = newKinds["phases"]!.AsArray().Select(p => p!).ToDictionary(p => (string)p["phase"]!);
        ((long)newKindPhases["evening stop"]["requestsByKind"]!["patch cronjobs"]!).ShouldBe(30);
        ((long)newKindPhases["night"]["requests"]!).ShouldBeLessThanOrEqualTo(5);
        newKindPhases["night"]["requestsByKind"]!.AsObject().Select(k => k.Key).ShouldBe(["list pods"]);
        sweepCost["targets"]!.AsArray().ShouldContain(t => ((string)t!["figure"]!).Contains("30 CronJobs", StringComparison.Ordinal) && (bool)t["holds"]!);

        // The emulator's footprint and the Lease's hour are figures of their own.
        var emulator = sweepCost["emulator"]!.AsArray().Single()!;
        ((double)emulator["heapBytesPerDeployment"]!).ShouldBeGreaterThan(0);
        ((long)emulator["storedObjects"]!).ShouldBeGreaterThan(600, "300 Deployments and their ReplicaSets at least");
        ((double)sweepCost["lease"]!["requestsPerRenewal"]!).ShouldBe(1, "one update, no read");
        ((double)sweepCost["lease"]!["requestsPerHour"]!).ShouldBe(240, "a renewal every 15 s");
    }
}

/// <summary>The smoke test's collection: xunit runs it after every parallel collection, with nothing beside it.</summary>
[CollectionDefinition(ScenarioRunnerSmokeTests.Alone, DisableParallelization = true)]
public sealed class ScenarioRunnerRunsAlone;
