using System.Globalization;
using System.Text.Json.Nodes;
using Tarnfui.Bench.Webhook;

namespace Tarnfui.Bench.Scenarios.Abuse;

/// <summary>
/// <c>scenario webhook-abuse</c>: <see cref="WebhookAbuse"/> (the webhook as a child process; latency of a Deployment
/// whose schedule has 1,000 parts, then a stream of junk reviews with its /metrics and memory before and after) with
/// the targets of issue 14.
/// </summary>
internal static class WebhookAbuseRun
{
    public const string Name = "webhook-abuse";
    public const string Heading = "## Webhook under abuse";

    private const double LatencyTargetMs = 10;
    private const long MetricsTargetBytes = 50 * 1024;
    private const long RssTargetBytes = 20 * 1024 * 1024;

    public static async Task<ScenarioOutcome> RunAsync(ScenarioSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var machine = MachineFacts.Now();
        var r = await WebhookAbuse.RunAsync(settings.AbuseLatencyRequests, settings.AbuseJunkReviews, settings.AbuseLatencyBound, settings.AbuseJunkBound, cancellationToken);
        var growth = r.RssAfter - r.RssBefore;
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  long schedule p50 {r.P50:F2} ms p99 {r.P99:F2} ms; {r.JunkSent:N0} junk reviews in {r.JunkElapsed.TotalSeconds:F1} s; /metrics {r.MetricsBytesBefore:N0} -> {r.MetricsBytesAfter:N0} B; RSS {ByteSize.Format(r.RssBefore)} -> {ByteSize.Format(r.RssAfter)}"));
        TargetCheck[] targets =
        [
            new(string.Create(CultureInfo.InvariantCulture, $"admission of a {AbuseInputs.UptimeParts:N0}-part schedule: p99 under {LatencyTargetMs:0} ms"),
                string.Create(CultureInfo.InvariantCulture, $"p50 {r.P50:F2} ms, p99 {r.P99:F2} ms over {r.LatencyRequests:N0} requests"), r.P99 < LatencyTargetMs),
            new(string.Create(CultureInfo.InvariantCulture, $"/metrics under {MetricsTargetBytes / 1024} KiB after {r.JunkSent:N0} junk reviews"),
                string.Create(CultureInfo.InvariantCulture, $"{ByteSize.Format(r.MetricsBytesBefore)} before, {ByteSize.Format(r.MetricsBytesAfter)} after ({r.AdmissionSeriesAfter} admission series)"), r.MetricsBytesAfter < MetricsTargetBytes),
            new(string.Create(CultureInfo.InvariantCulture, $"resident memory within {RssTargetBytes / (1024 * 1024)} MiB of where it started"),
                string.Create(CultureInfo.InvariantCulture, $"{ByteSize.Format(r.RssBefore)} before, {ByteSize.Format(r.RssAfter)} after ({(growth >= 0 ? "+" : "-")}{ByteSize.Format(Math.Abs(growth))})"), growth <= RssTargetBytes),
        ];

        var statuses = string.Join(", ", r.JunkStatuses.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Value:N0} × {s.Key}")));
        var text = MarkdownSections.Begin(Heading, settings, machine);
        text.AppendLine("The built webhook (`dotnet Tarnfui.Webhook.dll`, default configuration) as a child process against an emulated API server in");
        text.AppendLine(CultureInfo.InvariantCulture, $"the benchmark process, over HTTPS on 127.0.0.1 (`bench/Tarnfui.Bench/Webhook/WebhookAbuse.cs`). First {r.LatencyRequests:N0} requests ({settings.AbuseLatencyRequests:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"asked, the loop bounded at {settings.AbuseLatencyBound.TotalMinutes:0.#} min), one at a time after a tenth as many to warm up, of a `kubectl apply` raising a Deployment");
        text.AppendLine(CultureInfo.InvariantCulture, $"from 0 to 5 whose `tarnfui.io/uptime` has {AbuseInputs.UptimeParts:N0} one-minute");
        text.AppendLine(CultureInfo.InvariantCulture, $"parts and whose `tarnfui.io/downtime` is `always` (answer: {Cell(r.Decision)}). Then {r.JunkSent:N0} well-formed AdmissionReviews over {WebhookAbuse.Connections}");
        text.AppendLine("connections whose operation, resource, subresource, group, kind and user are random strings (NULs, control characters, quotes,");
        text.AppendLine(CultureInfo.InvariantCulture, $"non-ASCII, one in twenty several KiB long), answered {statuses} in {r.JunkElapsed.TotalSeconds:F1} s. `/metrics` and the process's");
        text.AppendLine("resident memory (VmRSS, from `/proc`) are read just before and just after the junk.").AppendLine();
        text.AppendLine("| measure | before the junk | after the junk |");
        text.AppendLine("|---|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| `/metrics` size | {ByteSize.Format(r.MetricsBytesBefore)} | {ByteSize.Format(r.MetricsBytesAfter)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| admission series (`tarnfui_webhook_admissions_total`, `…_dry_run_…`) | {r.AdmissionSeriesBefore} | {r.AdmissionSeriesAfter} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| resident memory | {ByteSize.Format(r.RssBefore)} | {ByteSize.Format(r.RssAfter)} |");
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Resident memory once ready, before any admission: {ByteSize.Format(r.RssReady)}; peak (VmHWM) at the end: {ByteSize.Format(r.HighWaterMark)}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Long-schedule latency: p50 {r.P50:F2} ms, p99 {r.P99:F2} ms, max {r.Max:F2} ms.");
        text.AppendLine().AppendLine("Targets (issue 14):").AppendLine();
        text.Append(TargetCheck.Table(targets));

        var figures = new JsonObject
        {
            ["command"] = settings.Command,
            ["machine"] = machine.ToJson(),
            ["longSchedule"] = new JsonObject
            {
                ["uptimeParts"] = AbuseInputs.UptimeParts,
                ["requests"] = r.LatencyRequests,
                ["decision"] = r.Decision,
                ["p50Ms"] = Math.Round(r.P50, 3),
                ["p99Ms"] = Math.Round(r.P99, 3),
                ["maxMs"] = Math.Round(r.Max, 3),
            },
            ["junk"] = new JsonObject
            {
                ["reviews"] = r.JunkSent,
                ["connections"] = WebhookAbuse.Connections,
                ["seconds"] = Math.Round(r.JunkElapsed.TotalSeconds, 2),
                ["statuses"] = new JsonObject([.. r.JunkStatuses.OrderBy(s => s.Key).Select(s => KeyValuePair.Create(s.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)s.Value))]),
            },
            ["metricsBytesBefore"] = r.MetricsBytesBefore,
            ["metricsBytesAfter"] = r.MetricsBytesAfter,
            ["admissionSeriesBefore"] = r.AdmissionSeriesBefore,
            ["admissionSeriesAfter"] = r.AdmissionSeriesAfter,
            ["rssReadyBytes"] = r.RssReady,
            ["rssBeforeBytes"] = r.RssBefore,
            ["rssAfterBytes"] = r.RssAfter,
            ["vmHwmBytes"] = r.HighWaterMark,
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t.ToJson())]),
        };
        return new ScenarioOutcome(Name, text.ToString(), figures, targets);
    }

    // A table cell or a sentence of Markdown: the webhook's warning may hold anything.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
