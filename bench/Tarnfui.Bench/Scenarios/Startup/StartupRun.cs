using System.Globalization;
using System.Text.Json.Nodes;
using Tarnfui.Bench.Startup;

namespace Tarnfui.Bench.Scenarios.Startup;

/// <summary>
/// <c>scenario startup</c>: <see cref="StartupScenario"/> (the programs as child processes against a sandbox hosted
/// here: the webhook from process start to <c>/readyz</c> 200 and its resident memory, the sweeper from process start to
/// its first sweep's pod LIST arriving at the API server) on the programs as the image ships them, native, with the JIT
/// webhook side by side, and the issue's targets.
/// </summary>
internal static class StartupRun
{
    public const string Name = "startup";
    public const string Heading = "## Start-up";

    private const double ReadyTargetSeconds = 0.1;
    private const long IdleRssTargetBytes = 40L * 1024 * 1024;

    public static async Task<ScenarioOutcome> RunAsync(ScenarioSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var machine = MachineFacts.Now();

        // StartupScenario takes the layout scripts/publish.sh writes (webhook/, sweeper/). Full runs publish the native
        // webhook here and take the sweeper the settings name (native unless --jit-sweeper); smoke runs link the JIT
        // builds next to this benchmark, which must not spend minutes compiling native code.
        var layout = Directory.CreateTempSubdirectory("tarnfui-startup-layout-");
        StartupScenario.Result result;
        string webhookName;
        try
        {
            string? reference = null;
            if (settings.Smoke)
            {
                Directory.CreateSymbolicLink(Path.Combine(layout.FullName, "webhook"), AppContext.BaseDirectory);
                webhookName = "JIT (`Tarnfui.Webhook.dll` on the shared runtime)";
            }
            else
            {
                await NativeWebhook.PublishAsync(MarkdownSections.RepositoryRoot(), layout.FullName, log, cancellationToken);
                reference = Path.Combine(AppContext.BaseDirectory, "Tarnfui.Webhook");
                webhookName = "native (NativeAOT, `scripts/publish.sh`)";
            }

            Directory.CreateSymbolicLink(Path.Combine(layout.FullName, "sweeper"), settings.Sweeper.Folder);
            result = await StartupScenario.RunAsync(layout.FullName, settings.StartupRuns, referenceWebhook: reference, cancellationToken: cancellationToken);
        }
        finally
        {
            // Removes the links, not what they point at; the published webhook goes with the layout.
            foreach (var link in layout.GetDirectories().Where(d => d.LinkTarget is not null))
            {
                link.Delete();
            }

            layout.Delete(recursive: true);
        }

        var webhookWall = Medians.Of(result.WebhookReady.Select(r => r.Wall)).TotalSeconds;
        var sweeperWall = Medians.Of(result.SweeperFirstSweep.Select(r => r.Wall)).TotalSeconds;
        var idle = result.Webhook.Select(r => r.AfterAdmissions).MaxBy(m => m.Rss);
        var atReady = result.Webhook.Select(r => r.AtReady).MaxBy(m => m.Rss);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  webhook ready median {webhookWall:F3} s, idle VmRSS {Mebibytes(idle.Rss)} MiB; sweeper first sweep median {sweeperWall:F3} s"));
        TargetCheck[] targets =
        [
            new("webhook ready (TLS listening, namespace cache synced) under 100 ms median, native",
                string.Create(CultureInfo.InvariantCulture,
                    $"median {webhookWall * 1000:F0} ms of {result.Webhook.Count} (CPU {Medians.Of(result.WebhookReady.Select(r => r.Cpu)).TotalMilliseconds:F0} ms; {webhookName})"),
                webhookWall < ReadyTargetSeconds),
            new("webhook idle RSS under 40 MiB, native: VmRSS once ready",
                string.Create(CultureInfo.InvariantCulture, $"VmRSS {Mebibytes(atReady.Rss)} MiB at `/readyz` 200, largest of {result.Webhook.Count} runs (VmHWM {Mebibytes(atReady.HighWaterMark)} MiB)"),
                atReady.Rss < IdleRssTargetBytes),
            new(string.Create(CultureInfo.InvariantCulture, $"webhook idle RSS under 40 MiB, native: VmRSS at rest after {WebhookStartup.Admissions} admissions"),
                string.Create(CultureInfo.InvariantCulture, $"VmRSS {Mebibytes(idle.Rss)} MiB, largest of {result.Webhook.Count} runs (VmHWM {Mebibytes(idle.HighWaterMark)} MiB)"),
                idle.Rss < IdleRssTargetBytes),
            new(string.Create(CultureInfo.InvariantCulture, $"sweeper's first sweep started under 1 s, {settings.Sweeper.Name}"),
                string.Create(CultureInfo.InvariantCulture, $"median {sweeperWall:F2} s of {result.SweeperFirstSweep.Count} (CPU {Medians.Of(result.SweeperFirstSweep.Select(r => r.Cpu)).TotalSeconds:F2} s)"), sweeperWall < 1),
        ];
        var text = MarkdownSections.Begin(Heading, settings, machine);
        text.AppendLine(CultureInfo.InvariantCulture, $"The programs as the image ships them (the webhook: {webhookName}; the sweeper: {settings.Sweeper.Name}; default");
        text.AppendLine("configuration) started as child processes against an emulated API server in the benchmark process, each with its own");
        text.AppendLine("identity (`bench/Tarnfui.Bench/Startup/`). Webhook: process start to the first `/readyz` 200 (TLS listening, certificate");
        text.AppendLine(CultureInfo.InvariantCulture, $"loaded, namespace cache listed), then {WebhookStartup.Admissions} admissions over HTTPS (a Deployment raised off-hours: policy, patch and warning)");
        text.AppendLine("and its resident memory once it stops moving. Sweeper (leader election on, as deployed): process start to its first sweep's");
        text.AppendLine("pod LIST arriving at the API server, after acquiring the Lease. CPU is the program's own user + system time until then: on");
        text.AppendLine("a shared machine it is the steadier figure. VmRSS is what the process has in memory at that moment, VmHWM its peak so far.");
        if (result.WebhookReference.Count > 0)
        {
            text.AppendLine("The JIT webhook (`Tarnfui.Webhook.dll` on the shared runtime, what the image ran before) is measured the same way, side by side.");
        }

        text.AppendLine().AppendLine("| program | median wall | wall per run (s) | median CPU | CPU per run (s) |");
        text.AppendLine("|---|---:|---|---:|---|");
        text.AppendLine(Row("webhook: start → `/readyz` 200", result.WebhookReady));
        if (result.WebhookReference.Count > 0)
        {
            text.AppendLine(Row("webhook, JIT (reference): start → `/readyz` 200", [.. result.WebhookReference.Select(r => r.Ready)]));
        }

        text.AppendLine(Row("sweeper: start → first sweep", result.SweeperFirstSweep));
        text.AppendLine().AppendLine("| program | moment | VmRSS per run (MiB) | VmHWM per run (MiB) |");
        text.AppendLine("|---|---|---|---|");
        text.Append(MemoryRows("webhook", result.Webhook));
        if (result.WebhookReference.Count > 0)
        {
            text.Append(MemoryRows("webhook, JIT (reference)", result.WebhookReference));
        }

        text.AppendLine(MemoryRow("sweeper", "first sweep's pod LIST", [.. result.Sweeper.Select(r => r.AtFirstSweep)]));
        text.AppendLine().AppendLine("Targets (issue 23 for the webhook, issue 9 for the sweeper):").AppendLine();
        text.Append(TargetCheck.Table(targets));
        var figures = new JsonObject
        {
            ["command"] = settings.Command,
            ["machine"] = machine.ToJson(),
            ["webhookBuild"] = webhookName,
            ["webhookReady"] = WebhookRuns(result.Webhook),
            ["webhookReferenceReady"] = WebhookRuns(result.WebhookReference),
            ["sweeperFirstSweep"] = new JsonArray([.. result.Sweeper.Select(r => (JsonNode)Run(r.FirstSweep, ("atFirstSweep", r.AtFirstSweep)))]),
            ["webhookReadyMedianSeconds"] = Math.Round(webhookWall, 4),
            ["webhookReadyVmRssBytes"] = atReady.Rss,
            ["webhookIdleVmRssBytes"] = idle.Rss,
            ["sweeperFirstSweepMedianSeconds"] = Math.Round(sweeperWall, 4),
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t.ToJson())]),
        };
        return new ScenarioOutcome(Name, text.ToString(), figures, targets);
    }

    private static string Row(string what, IReadOnlyList<ProcessStartup.Measurement> runs) => string.Create(CultureInfo.InvariantCulture,
        $"| {what} | {Medians.Of(runs.Select(r => r.Wall)).TotalSeconds:F3} s | {Seconds(runs.Select(r => r.Wall))} " +
        $"| {Medians.Of(runs.Select(r => r.Cpu)).TotalSeconds:F3} s | {Seconds(runs.Select(r => r.Cpu))} |");

    private static string MemoryRows(string program, IReadOnlyList<WebhookStartup.Run> runs) =>
        MemoryRow(program, "`/readyz` 200", [.. runs.Select(r => r.AtReady)]) + "\n" +
        MemoryRow(program, string.Create(CultureInfo.InvariantCulture, $"after {WebhookStartup.Admissions} admissions, at rest"), [.. runs.Select(r => r.AfterAdmissions)]) + "\n";

    private static string MemoryRow(string program, string moment, IReadOnlyList<ResidentSet> runs) =>
        $"| {program} | {moment} | {string.Join(", ", runs.Select(r => Mebibytes(r.Rss)))} | {string.Join(", ", runs.Select(r => Mebibytes(r.HighWaterMark)))} |";

    private static string Seconds(IEnumerable<TimeSpan> values) => string.Join(", ", values.Select(v => v.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)));

    private static string Mebibytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture);

    private static JsonArray WebhookRuns(IReadOnlyList<WebhookStartup.Run> runs) =>
        [.. runs.Select(r => (JsonNode)Run(r.Ready, ("atReady", r.AtReady), ("afterAdmissions", r.AfterAdmissions)))];

    private static JsonObject Run(ProcessStartup.Measurement measurement, params (string Name, ResidentSet Memory)[] memory)
    {
        var run = new JsonObject { ["wallSeconds"] = Math.Round(measurement.Wall.TotalSeconds, 4), ["cpuSeconds"] = Math.Round(measurement.Cpu.TotalSeconds, 4) };
        foreach (var (name, set) in memory)
        {
            run[name] = set.ToJson();
        }

        return run;
    }
}
