using System.Globalization;
using System.Text.Json.Nodes;
using Tarnfui.Bench.Webhook;

namespace Tarnfui.Bench.Scenarios.Admissions;

/// <summary>
/// <c>scenario webhook</c>: the <c>webhook-load</c> measurement (the real webhook and a bare Kestrel endpoint on the
/// same TLS setup, 16 keep-alive connections over HTTPS loopback, closed-loop throughput then open-loop latency at a
/// fixed rate) with its targets; the in-process handler cost is the BenchmarkDotNet table of the Webhook section.
/// </summary>
internal static class WebhookRun
{
    public const string Name = "webhook";
    public const string Heading = "## Webhook under load";

    /// <summary>Issue 23's targets: the webhook's throughput and CPU per admission against the bare endpoint's.</summary>
    private const double ThroughputTarget = 0.85;
    private const double CpuTarget = 1.25;

    public static async Task<ScenarioOutcome> RunAsync(ScenarioSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var machine = MachineFacts.Now();
        var results = await WebhookMeasureCommand.MeasureInChildAsync(settings, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var bare = results.Single(r => r.Endpoint == WebhookLoad.Bare);
        var tarnfui = results.Single(r => r.Endpoint == WebhookLoad.Tarnfui);
        var ratio = WebhookLoad.PairedRatio(tarnfui.RoundThroughputs, bare.RoundThroughputs);
        var cpuRatio = WebhookLoad.PairedRatio(tarnfui.RoundCpuMicroseconds, bare.RoundCpuMicroseconds);
        TargetCheck[] targets =
        [
            new(string.Create(CultureInfo.InvariantCulture, $"webhook throughput ≥ {ThroughputTarget:0.0#}× the bare endpoint's"),
                string.Create(CultureInfo.InvariantCulture, $"{tarnfui.Throughput:N0} vs {bare.Throughput:N0} admissions/s (medians); round by round {ratio:F2}×"), ratio >= ThroughputTarget),
            new(string.Create(CultureInfo.InvariantCulture, $"CPU per admission ≤ {CpuTarget:0.0#}× the bare endpoint's"),
                string.Create(CultureInfo.InvariantCulture, $"{tarnfui.CpuMicroseconds:F0} vs {bare.CpuMicroseconds:F0} µs (medians); round by round {cpuRatio:F2}×"), cpuRatio <= CpuTarget),
            new(string.Create(CultureInfo.InvariantCulture, $"p99 under 5 ms at {settings.WebhookRate:N0} admissions/s"),
                string.Create(CultureInfo.InvariantCulture, $"{tarnfui.P99:F2} ms (bare endpoint: {bare.P99:F2} ms)"), tarnfui.P99 < 5),
        ];

        var text = MarkdownSections.Begin(Heading, settings, machine);
        text.AppendLine(CultureInfo.InvariantCulture, $"The real webhook (`WebhookApp`, logging off so the console is not what is measured) and a bare Kestrel endpoint with the");
        text.AppendLine(CultureInfo.InvariantCulture, $"same TLS setup that reads the body and returns a constant AdmissionReview; {WebhookLoad.Connections} keep-alive HTTP/1.1 connections;");
        text.AppendLine(CultureInfo.InvariantCulture, $"closed-loop throughput in rounds that measure both endpoints back to back ({settings.WebhookMeasure.TotalSeconds:0.#} s in all per endpoint, after {settings.WebhookWarmup.TotalSeconds:0.#} s of warm-up");
        text.AppendLine("each; the table gives each endpoint's median round, the targets the median of the rounds' ratios, which a change of the");
        text.AppendLine("machine's speed between rounds weighs on both sides of alike), then latency in an open loop at");
        text.AppendLine(CultureInfo.InvariantCulture, $"{settings.WebhookRate:N0} requests/s for {settings.WebhookMeasure.TotalSeconds:0.#} s, from each request's scheduled send time (no coordinated omission), sent by a");
        text.AppendLine("thread of its own that sleeps to each instant (\"sends late\": how late it sent them, which the latencies include).");
        text.AppendLine("The request is a `kubectl apply` raising a Deployment from 0 to 5 off-hours (the costliest common admission); the webhook is scraped once, as Prometheus would. CPU per admission is the whole process's (server, client, GC). The load");
        text.AppendLine("generator shares the 2 cores, and the process: one started for this measurement (`webhook-measure`), so that the scenarios");
        text.AppendLine("before it leave nothing in its heap or thread pool. In-process handler cost: see the BenchmarkDotNet table in the Webhook section.").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| endpoint | response bytes | admissions/s (closed loop, median round) | rounds | CPU µs per admission | p50 ms @ {settings.WebhookRate:N0}/s | p99 ms | max ms | sends late, p99 ms |");
        text.AppendLine("|---|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var rounds = string.Join(", ", r.RoundThroughputs.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Endpoint} | {r.ResponseBytes:N0} | {r.Throughput:N0} | {rounds} | {r.CpuMicroseconds:F0} | {r.P50:F2} | {r.P99:F2} | {r.Max:F2} | {r.SendLateP99:F2} |");
        }

        var loadAtEnd = MachineFacts.Now().LoadAverage;
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Load average when the measurement ended: {loadAtEnd} (1/5/15 min).");
        text.AppendLine().AppendLine("Targets (issue 23):").AppendLine();
        text.Append(TargetCheck.Table(targets));

        var figures = new JsonObject
        {
            ["command"] = settings.Command,
            ["machine"] = machine.ToJson(),
            ["loadAverageAtEnd"] = loadAtEnd,
            ["connections"] = WebhookLoad.Connections,
            ["endpoints"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
            {
                ["endpoint"] = r.Endpoint,
                ["responseBytes"] = r.ResponseBytes,
                ["admissionsPerSecond"] = Math.Round(r.Throughput, 1),
                ["roundAdmissionsPerSecond"] = new JsonArray([.. r.RoundThroughputs.Select(t => (JsonNode)Math.Round(t, 1))]),
                ["roundCpuMicrosecondsPerAdmission"] = new JsonArray([.. r.RoundCpuMicroseconds.Select(t => (JsonNode)Math.Round(t, 1))]),
                ["cpuMicrosecondsPerAdmission"] = Math.Round(r.CpuMicroseconds, 1),
                ["rate"] = r.Rate,
                ["latencyRequests"] = r.Requests,
                ["p50Ms"] = Math.Round(r.P50, 3),
                ["p99Ms"] = Math.Round(r.P99, 3),
                ["maxMs"] = Math.Round(r.Max, 3),
                ["sendLateP99Ms"] = Math.Round(r.SendLateP99, 3),
            })]),
            ["throughputRatio"] = Math.Round(ratio, 3),
            ["cpuPerAdmissionRatio"] = Math.Round(cpuRatio, 3),
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t.ToJson())]),
        };
        await log.FlushAsync(cancellationToken);
        return new ScenarioOutcome(Name, text.ToString(), figures, targets);
    }
}
