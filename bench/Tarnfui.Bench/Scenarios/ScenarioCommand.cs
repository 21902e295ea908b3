using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tarnfui.Bench.Scenarios.Abuse;
using Tarnfui.Bench.Scenarios.Admissions;
using Tarnfui.Bench.Scenarios.Dashboard;
using Tarnfui.Bench.Scenarios.Notifications;
using Tarnfui.Bench.Scenarios.Startup;
using Tarnfui.Bench.Scenarios.SweepCost;
using Tarnfui.Bench.Scenarios.SweeperMemory;

namespace Tarnfui.Bench.Scenarios;

/// <summary>
/// <c>scenario &lt;name|all&gt; [--sizes 100000,1000000] [--out docs/benchmarks.md] [--json docs/benchmarks.json] [--smoke] [--jit-sweeper]</c>:
/// runs the named scenarios, replaces their sections of the Markdown file (the other sections stay) and their entries
/// of the JSON file of raw figures, refreshes the "Targets" summary of both (<see cref="TargetSummary"/>: every
/// scenario's target checks, the ones not run as last measured), prints each section and ends with the summary table
/// and one closing line. Exit code 0 when every scenario ran (targets that do not hold are reported, not failed: the
/// numbers are the product).
/// </summary>
internal static class ScenarioCommand
{
    public const string Name = "scenario";

    private static readonly (string Name, Func<ScenarioSettings, TextWriter, CancellationToken, Task<ScenarioOutcome>> Run)[] Scenarios =
    [
        (SweepCostRun.Name, SweepCostRun.RunAsync),
        (SweeperMemoryRun.Name, SweeperMemoryRun.RunAsync),
        (WebhookRun.Name, WebhookRun.RunAsync),
        (StartupRun.Name, StartupRun.RunAsync),
        (WebhookAbuseRun.Name, WebhookAbuseRun.RunAsync),
        (NotificationCostRun.Name, NotificationCostRun.RunAsync),
        (DashboardRun.Name, DashboardRun.RunAsync),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        log ??= Console.Out;
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            await log.WriteLineAsync($"usage: scenario <{string.Join('|', Scenarios.Select(s => s.Name))}|all> [--sizes 100000,1000000] [--out docs/benchmarks.md] [--json docs/benchmarks.json] [--smoke] [--jit-sweeper]");
            return args.Length == 0 ? 2 : 0;
        }

        var root = MarkdownSections.RepositoryRoot();
        var selected = args[0] == "all" ? Scenarios : Scenarios.Where(s => s.Name == args[0]).ToArray();
        if (selected.Length == 0)
        {
            await log.WriteLineAsync($"unknown scenario '{args[0]}'; known: {string.Join(", ", Scenarios.Select(s => s.Name))}, all");
            return 2;
        }

        var settings = args.Contains("--smoke") ? ScenarioSettings.ForSmoke() : new ScenarioSettings();
        if (Option(args, "--sizes") is { } sizes)
        {
            settings = settings with { Sizes = ScenarioSettings.ParseSizes(sizes) };
        }

        settings = settings with { Command = "dotnet run -c Release --project bench/Tarnfui.Bench -- scenario " + string.Join(' ', args) };

        // The image ships the native sweeper, so the figures are its own; smoke runs and --jit-sweeper keep the JIT build
        // (no minutes of native compilation).
        if (!settings.Smoke && !args.Contains("--jit-sweeper") && selected.Any(s => s.Name is SweepCostRun.Name or SweeperMemoryRun.Name or StartupRun.Name))
        {
            settings = settings with { Sweeper = await SweeperBuild.PublishNativeAsync(root, log, cancellationToken) };
        }
        var markdownPath = Path.GetFullPath(Option(args, "--out") ?? Path.Combine(root, "docs", "benchmarks.md"));
        var jsonPath = Path.GetFullPath(Option(args, "--json") ?? Path.Combine(root, "docs", "benchmarks.json"));

        IReadOnlyList<(string Scenario, TargetCheck Check)> targets = [];
        foreach (var (name, run) in selected)
        {
            await log.WriteLineAsync($"# scenario {name}");
            var outcome = await run(settings, log, cancellationToken);
            await log.WriteLineAsync(outcome.Markdown);
            targets = await WriteAsync(markdownPath, jsonPath, outcome, cancellationToken);
        }

        await log.WriteLineAsync("# targets");
        await log.WriteLineAsync(TargetSummary.Table(targets));
        await log.WriteLineAsync(TargetSummary.ClosingLine(targets));
        return 0;
    }

    // Written after each scenario, so that a long run that fails late keeps what it measured. Returns the summary's checks.
    private static async Task<IReadOnlyList<(string Scenario, TargetCheck Check)>> WriteAsync(string markdownPath, string jsonPath, ScenarioOutcome outcome, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(jsonPath)!);
        var json = File.Exists(jsonPath) && JsonNode.Parse(await File.ReadAllTextAsync(jsonPath, cancellationToken)) is JsonObject existing ? existing : new JsonObject();
        if (json["scenarios"] is not JsonObject scenarios)
        {
            scenarios = [];
            json["scenarios"] = scenarios;
        }

        // The outcome's checks are the scenario's targets, whatever its figures held under that name.
        outcome.Figures["targets"] = new JsonArray([.. outcome.Targets.Select(t => (JsonNode)t.ToJson())]);
        scenarios[outcome.Name] = outcome.Figures;
        var updated = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var targets = TargetSummary.Collect(scenarios);
        json["targets"] = TargetSummary.ToJson(targets);
        json["updated"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(jsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);

        Directory.CreateDirectory(Path.GetDirectoryName(markdownPath)!);
        var document = File.Exists(markdownPath) ? await File.ReadAllTextAsync(markdownPath, cancellationToken) : "# Benchmarks\n";
        document = TargetSummary.Place(MarkdownSections.Replace(document, outcome.Markdown), TargetSummary.Markdown(targets, updated));
        await File.WriteAllTextAsync(markdownPath, document, cancellationToken);
        return targets;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
