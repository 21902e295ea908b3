using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Tarnfui.Bench.Scenarios;
using Tarnfui.Bench.Startup;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Bench.Webhook;

/// <summary>
/// The webhook as its own process (<c>dotnet Tarnfui.Webhook.dll</c>, default configuration, against an emulated API
/// server in this process), over HTTPS on loopback: first asked, one request at a time, about a Deployment whose
/// schedule has 1,000 parts; then sent a stream of junk reviews over <see cref="Connections"/> connections. Its
/// <c>/metrics</c> and its resident memory are read before and after the junk.
/// </summary>
internal static class WebhookAbuse
{
    public const int Connections = 8;
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);

    /// <summary>What one run measured; times in milliseconds, sizes in bytes.</summary>
    public sealed record Result(
        int LatencyRequests, double P50, double P99, double Max, string Decision,
        int JunkSent, IReadOnlyDictionary<int, int> JunkStatuses, TimeSpan JunkElapsed,
        long MetricsBytesBefore, long MetricsBytesAfter, int AdmissionSeriesBefore, int AdmissionSeriesAfter,
        long RssReady, long RssBefore, long RssAfter, long HighWaterMark);

    /// <param name="latencyRequests">Requests about the long schedule whose latencies count (after a tenth as many to warm up).</param>
    /// <param name="junkReviews">Junk reviews to send.</param>
    /// <param name="latencyBound">The long-schedule loop stops at this, done or not (the result says how many were measured).</param>
    /// <param name="junkBound">The junk loop stops at this, likewise.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<Result> RunAsync(int latencyRequests, int junkReviews, TimeSpan latencyBound, TimeSpan junkBound, CancellationToken cancellationToken)
    {
        await using var sandbox = await EmulatorServer.StartAsync(new EmulatorOptions(), cancellationToken);
        using (var admin = sandbox.CreateClient())
        {
            foreach (var name in new[] { WellKnown.Objects.Namespace, "shop" })
            {
                await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
            }
        }

        var folder = Directory.CreateTempSubdirectory("tarnfui-abuse-").FullName;
        try
        {
            var kubeconfig = sandbox.WriteKubeconfig(Path.Combine(folder, "webhook.kubeconfig"), EmulatorUsers.Webhook);
            var (certificatePath, keyPath, certificate) = BenchInputs.WriteCertificate();
            var (httpsPort, httpPort) = (StartupScenario.FreePort(), StartupScenario.FreePort());
            await using var child = ChildProcess.Start("Tarnfui.Webhook.dll", [
                "--Webhook:ListenAddress=127.0.0.1", $"--Webhook:HttpsPort={httpsPort}", $"--Webhook:HttpPort={httpPort}",
                $"--Webhook:CertificatePath={certificatePath}", $"--Webhook:KeyPath={keyPath}",
            ], new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });
            using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitReadyAsync(child, probe, cancellationToken);
            var rssReady = Rss(child);

            // A slow admission is what the first loop measures: let it finish rather than fail it.
            using var load = new LoadGenerator(new Uri($"https://127.0.0.1:{httpsPort}/mutate"), [], Connections, certificate, timeout: TimeSpan.FromMinutes(1));
            var (latencies, decision) = await LatenciesAsync(load, latencyRequests, latencyBound, cancellationToken);

            var (metricsBefore, seriesBefore) = await ScrapeAsync(probe, cancellationToken);
            var rssBefore = Rss(child);
            var (sent, statuses, elapsed) = await JunkAsync(load, junkReviews, junkBound, cancellationToken);
            var (metricsAfter, seriesAfter) = await ScrapeAsync(probe, cancellationToken);
            var memory = child.Memory() ?? throw new InvalidOperationException($"the webhook exited during the junk:\n{string.Join('\n', child.Lines.TakeLast(30))}");

            return new Result(
                latencies.Length, LoadGenerator.Percentile(latencies, 50), LoadGenerator.Percentile(latencies, 99), latencies.Max(), decision,
                sent, statuses, elapsed, metricsBefore, metricsAfter, seriesBefore, seriesAfter,
                rssReady, rssBefore, Rss(memory), memory.HighWaterMark);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WaitReadyAsync(ChildProcess child, HttpClient probe, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!await ProcessStartup.Returns200(probe, new Uri(probe.BaseAddress!, "/readyz"))(cancellationToken))
        {
            if (child.Exited.IsCompleted || started.Elapsed > StartBound)
            {
                throw new InvalidOperationException($"the webhook was not ready within {StartBound}:\n{string.Join('\n', child.Lines.TakeLast(30))}");
            }

            await poll.WaitForNextTickAsync(cancellationToken);
        }
    }

    // One request at a time, as kubectl sends them: the latency is the admission's own, not a queue's. A tenth as many
    // warm up first, within a quarter of the bound, so that a slow admission still leaves time to measure some.
    private static async Task<(double[] Latencies, string Decision)> LatenciesAsync(LoadGenerator load, int requests, TimeSpan bound, CancellationToken cancellationToken)
    {
        var body = AbuseInputs.LongScheduleReview();
        var deadline = Stopwatch.StartNew();
        var decision = "";
        for (var i = 0; i < Math.Max(1, requests / 10) && (i == 0 || deadline.Elapsed < bound / 4); i++)
        {
            var (_, answer) = await TimedPostAsync(load, body, cancellationToken);
            decision = i == 0 ? Decision(answer) : decision;
        }

        var latencies = new List<double>(requests);
        while (latencies.Count < requests && (latencies.Count == 0 || deadline.Elapsed < bound))
        {
            latencies.Add((await TimedPostAsync(load, body, cancellationToken)).Milliseconds);
        }

        return ([.. latencies], decision);
    }

    private static async Task<(double Milliseconds, byte[] Answer)> TimedPostAsync(LoadGenerator load, byte[] body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (status, answer) = await load.PostAsync(body, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return status == 200 ? (elapsed, answer) : throw new InvalidOperationException($"the long-schedule review got {status}: {Encoding.UTF8.GetString(answer)}");
    }

    private static async Task<(int Sent, IReadOnlyDictionary<int, int> Statuses, TimeSpan Elapsed)> JunkAsync(LoadGenerator load, int reviews, TimeSpan bound, CancellationToken cancellationToken)
    {
        var next = -1;
        var statuses = new Dictionary<int, int>();
        var elapsed = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < reviews && elapsed.Elapsed < bound)
            {
                // Seeded by its index: the same stream every run, whatever the interleaving.
                var (status, _) = await load.PostAsync(AbuseInputs.JunkReview(new Random(index), index), cancellationToken);
                lock (statuses)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                }
            }
        }));
        return (statuses.Values.Sum(), statuses, elapsed.Elapsed);
    }

    private static async Task<(long Bytes, int AdmissionSeries)> ScrapeAsync(HttpClient probe, CancellationToken cancellationToken)
    {
        var metrics = await probe.GetByteArrayAsync(new Uri(probe.BaseAddress!, "/metrics"), cancellationToken);
        var series = Encoding.UTF8.GetString(metrics).Split('\n').Count(line =>
            line.StartsWith("tarnfui_webhook_admissions_total{", StringComparison.Ordinal) || line.StartsWith("tarnfui_webhook_dry_run_admissions_total{", StringComparison.Ordinal));
        return (metrics.Length, series);
    }

    private static string Decision(byte[] answer)
    {
        var response = JsonNode.Parse(answer)!["response"]!;
        var warning = response["warnings"]?.AsArray().FirstOrDefault()?.GetValue<string>();
        var shown = warning is null ? "" : $", warning \"{(warning.Length > 100 ? warning[..100] + "…" : warning)}\" ({warning.Length} characters)";
        return response["allowed"]?.GetValue<bool>() != true ? "denied" : (response["patch"] is null ? "allowed" : "patched") + shown;
    }

    private static long Rss(ChildProcess child) =>
        child.Memory() is { } memory ? Rss(memory) : throw new InvalidOperationException($"the webhook exited:\n{string.Join('\n', child.Lines.TakeLast(30))}");

    // VmRSS is the sum of its anonymous, file-backed and shared parts.
    private static long Rss(ResidentMemory memory) => memory.Anonymous + memory.File + memory.Shared;
}
