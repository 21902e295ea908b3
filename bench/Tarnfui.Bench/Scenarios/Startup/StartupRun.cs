using System.Globalization;
using System.Text.Json.Nodes;
using Tarnfui.Bench.Startup;

namespace Tarnfui.Bench.Scenarios.Startup;

/// <summary>
/// <c>scenario startup</c>: <see cref="StartupScenario"/> (the programs as child processes against a sandbox hosted
/// here: the webhook from process start to <c>/readyz</c> 200, the sweeper from process start to its first sweep's
/// pod LIST arriving at the API server) on the programs built next to this benchmark, with the targets.
/// </summary>
internal static class StartupRun
{
    public const string Name = "startup";
    public const string Heading = "## Start-up";

    public static async Task<ScenarioOutcome> RunAsync(ScenarioSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var machine = MachineFacts.Now();

        // StartupScenario takes the layout scripts/publish.sh writes (webhook/, sweeper/): the webhook from the build output
        // (framework-dependent, as the image has it), the sweeper from the build the settings name (native in full runs).
        var layout = Directory.CreateTempSubdirectory("tarnfui-startup-layout-");
        StartupScenario.Result result;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(layout.FullName, "webhook"), AppContext.BaseDirectory);
            Directory.CreateSymbolicLink(Path.Combine(layout.FullName, "sweeper"), settings.Sweeper.Folder);

            result = await StartupScenario.RunAsync(layout.FullName, settings.StartupRuns, cancellationToken: cancellationToken);
        }
        finally
        {
            // Removes the links, not what they point at.
            foreach (var link in layout.GetDirectories())
            {
                link.Delete();
            }

            layout.Delete();
        }

        var webhookWall = StartupScenario.Result.Median(result.WebhookReady.Select(r => r.Wall)).TotalSeconds;
        var sweeperWall = StartupScenario.Result.Median(result.SweeperFirstSweep.Select(r => r.Wall)).TotalSeconds;
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  webhook ready median {webhookWall:F3} s, sweeper first sweep median {sweeperWall:F3} s"));
        TargetCheck[] targets =
        [
            new("webhook ready under 1 s", string.Create(CultureInfo.InvariantCulture, $"median {webhookWall:F2} s of {result.WebhookReady.Count}"), webhookWall < 1),
            new("sweeper's first sweep started under 1 s", string.Create(CultureInfo.InvariantCulture, $"median {sweeperWall:F2} s of {result.SweeperFirstSweep.Count}"), sweeperWall < 1),
        ];
        var text = MarkdownSections.Begin(Heading, settings, machine);
        text.AppendLine(CultureInfo.InvariantCulture, $"The built programs (`dotnet Tarnfui.Webhook.dll`: JIT, framework-dependent; the sweeper: {settings.Sweeper.Name}; default");
        text.AppendLine("configuration) started as child processes against an emulated API server in the benchmark process, each with its own");
        text.AppendLine("identity (`bench/Tarnfui.Bench/Startup/StartupScenario.cs`). Webhook: process start to the first `/readyz` 200 (certificate");
        text.AppendLine("loaded, namespace cache listed). Sweeper (leader election on, as deployed): process start to its first sweep's pod LIST");
        text.AppendLine("arriving at the API server, after acquiring the Lease. CPU is the program's own user + system time until then: on a");
        text.AppendLine("shared machine it is the steadier figure.").AppendLine();
        text.AppendLine("| program | median wall | wall per run (s) | median CPU | CPU per run (s) |");
        text.AppendLine("|---|---:|---|---:|---|");
        text.AppendLine(Row("webhook: start → `/readyz` 200", result.WebhookReady));
        text.AppendLine(Row("sweeper: start → first sweep", result.SweeperFirstSweep));
        text.AppendLine().AppendLine("Targets (issue 9):").AppendLine();
        text.Append(TargetCheck.Table(targets));
        var figures = new JsonObject
        {
            ["command"] = settings.Command,
            ["machine"] = machine.ToJson(),
            ["webhookReady"] = Runs(result.WebhookReady),
            ["sweeperFirstSweep"] = Runs(result.SweeperFirstSweep),
            ["webhookReadyMedianSeconds"] = Math.Round(webhookWall, 4),
            ["sweeperFirstSweepMedianSeconds"] = Math.Round(sweeperWall, 4),
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t.ToJson())]),
        };
        return new ScenarioOutcome(Name, text.ToString(), figures, targets);
    }

    private static string Row(string what, IReadOnlyList<ProcessStartup.Measurement> runs) => string.Create(CultureInfo.InvariantCulture,
        $"| {what} | {StartupScenario.Result.Median(runs.Select(r => r.Wall)).TotalSeconds:F2} s | {Seconds(runs.Select(r => r.Wall))} " +
        $"| {StartupScenario.Result.Median(runs.Select(r => r.Cpu)).TotalSeconds:F2} s | {Seconds(runs.Select(r => r.Cpu))} |");

    private static string Seconds(IEnumerable<TimeSpan> values) => string.Join(", ", values.Select(v => v.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)));

    private static JsonArray Runs(IReadOnlyList<ProcessStartup.Measurement> runs) =>
        [.. runs.Select(r => (JsonNode)new JsonObject { ["wallSeconds"] = Math.Round(r.Wall.TotalSeconds, 4), ["cpuSeconds"] = Math.Round(r.Cpu.TotalSeconds, 4) })];
}
