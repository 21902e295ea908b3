using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Tarnfui.Bench.Scenarios;
using Tarnfui.Core.Policy;
using Tarnfui.Webhook;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Bench.Webhook;

/// <summary>
/// <c>dotnet run -c Release --project bench/Tarnfui.Bench -- webhook-load</c>: admissions/s and p50/p99 over HTTPS
/// loopback with keep-alive, the real webhook side by side with a bare Kestrel endpoint on the same TLS setup that
/// returns a constant AdmissionReview.
/// </summary>
internal static class WebhookLoad
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(8);
    private const int ThroughputRounds = 10;
    private const int LatencyRounds = 2;
    public const int Connections = 16;
    private const int Rate = 1000;

    public const string Bare = "bare Kestrel, constant review";
    public const string Tarnfui = "tarnfui webhook";

    public static async Task<int> RunAsync(string[] args)
    {
        Console.WriteLine($"# webhook load: {Environment.ProcessorCount} cores, load average {LoadAverage()}, {Connections} keep-alive HTTP/1.1 connections, TLS, body {BenchInputs.ScaleUpReview().Length} bytes");
        var results = await MeasureAsync(Warmup, Measure, Rate);
        Console.WriteLine("| endpoint | response bytes | admissions/s (closed loop) | CPU µs per admission | p50 ms @ 1,000/s | p99 ms @ 1,000/s | max ms @ 1,000/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Endpoint} | {r.ResponseBytes:N0} | {r.Throughput:N0} | {r.CpuMicroseconds:F0} | {r.P50:F2} | {r.P99:F2} | {r.Max:F2} |"));
        }

        var bare = results.Single(r => r.Endpoint == Bare);
        var tarnfui = results.Single(r => r.Endpoint == Tarnfui);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nwebhook / bare, round by round (median): throughput {PairedRatio(tarnfui.RoundThroughputs, bare.RoundThroughputs):F2}, CPU per admission {PairedRatio(tarnfui.RoundCpuMicroseconds, bare.RoundCpuMicroseconds):F2} (rounds: bare {Rounds(bare)}; webhook {Rounds(tarnfui)}); load average now {LoadAverage()}"));
        return 0;
    }

    /// <summary>
    /// Both endpoints in this process, in alternating rounds so that a build starting on a shared machine weighs on
    /// both alike: closed-loop throughput (<see cref="ThroughputRounds"/> rounds each, <paramref name="measure"/> in
    /// all, after <paramref name="warmup"/>; the median round), then open-loop latencies at <paramref name="rate"/>
    /// admissions/s (<see cref="LatencyRounds"/> rounds each, <paramref name="measure"/> in all, pooled). CPU time
    /// is the whole process's (server, client, GC) per admission in the throughput rounds: on a busy machine it is
    /// steadier than the throughput. Run it in a process started for it (<c>webhook-load</c>, or the scenario's
    /// <c>webhook-measure</c>): what the process did before weighs on the endpoint that does more.
    /// </summary>
    public static async Task<IReadOnlyList<EndpointLoad>> MeasureAsync(TimeSpan warmup, TimeSpan measure, int rate)
    {
        var (certificatePath, keyPath, certificate) = BenchInputs.WriteCertificate();
        var body = BenchInputs.ScaleUpReview();
        await using var bare = await StartBareAsync(certificate);
        await using var webhook = await StartWebhookAsync(certificatePath, keyPath);
        var endpoints = new[] { new EndpointRounds(Bare, bare.Url), new EndpointRounds(Tarnfui, webhook.Url) };
        var loads = endpoints.Select(e => new LoadGenerator(new Uri(e.Url, "/mutate"), body, Connections, certificate)).ToArray();
        try
        {
            for (var i = 0; i < endpoints.Length; i++)
            {
                var (status, answer) = await loads[i].PostAsync(body);
                endpoints[i].ResponseBytes = status == 200 ? answer.Length : throw new InvalidOperationException($"{endpoints[i].Name} answered {status}");
                await WarmUpAsync(loads[i], warmup);
            }

            for (var round = 0; round < ThroughputRounds; round++)
            {
                for (var i = 0; i < endpoints.Length; i++)
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var (throughput, completed) = await loads[i].ThroughputAsync(Connections, measure / ThroughputRounds);
                    endpoints[i].Throughputs.Add(throughput);
                    endpoints[i].CpuMicroseconds.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / Math.Max(1, completed));
                }
            }

            for (var round = 0; round < LatencyRounds; round++)
            {
                for (var i = 0; i < endpoints.Length; i++)
                {
                    var (latencies, lateness) = await loads[i].LatenciesAtRateAsync(rate, measure / LatencyRounds);
                    endpoints[i].Latencies.AddRange(latencies);
                    endpoints[i].Lateness.AddRange(lateness);
                }
            }
        }
        finally
        {
            foreach (var load in loads)
            {
                load.Dispose();
            }
        }

        return [.. endpoints.Select(e =>
        {
            var latencies = e.Latencies.ToArray();
            return new EndpointLoad(e.Name, Medians.Of(e.Throughputs), rate, latencies.Length,
                LoadGenerator.Percentile(latencies, 50), LoadGenerator.Percentile(latencies, 99), latencies.Max(),
                Medians.Of(e.CpuMicroseconds), e.Throughputs, e.CpuMicroseconds, e.ResponseBytes, LoadGenerator.Percentile([.. e.Lateness], 99));
        })];
    }

    // Tiered compilation recompiles the hot path in the background (tier 0, instrumented, then optimised); on a busy
    // machine that thread waits for a core, and a fixed warm-up measured a half-compiled webhook at a third of its
    // speed. Warm up in slices until a slice is within 10 % of the one before (at least the given warm-up, at most ten
    // times it or 20 s, so that the scenario runner's smoke run stays short). With 2 s of warm-up the rounds after it
    // still rose in steps (the endpoints' shared code reaching its last tier later than the webhook's), by up to a
    // third within one run: the scenario's default is 8 s.
    private static async Task WarmUpAsync(LoadGenerator load, TimeSpan minimum)
    {
        var slice = TimeSpan.FromMilliseconds(Math.Clamp(minimum.TotalMilliseconds / 2, 100, 1000));
        var limit = TimeSpan.FromTicks(Math.Min(minimum.Ticks * 10, TimeSpan.FromSeconds(20).Ticks));
        var started = Stopwatch.GetTimestamp();
        var previous = 0.0;
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            var (throughput, _) = await load.ThroughputAsync(Connections, slice);
            if (Stopwatch.GetElapsedTime(started) >= minimum && Math.Abs(throughput - previous) <= 0.1 * throughput)
            {
                return;
            }

            previous = throughput;
        }
    }

    /// <summary>
    /// The median over the rounds of one endpoint's figure divided by the other's in the same round. Each round
    /// measures both endpoints back to back, so a change of the machine's speed between rounds (seen within one run:
    /// the bare endpoint at 42,000 admissions/s for four rounds, then at 31,000) weighs on both sides of each ratio
    /// alike; the ratio of the two medians took rounds of one speed for one endpoint and of the other for the other.
    /// </summary>
    public static double PairedRatio(IReadOnlyList<double> figures, IReadOnlyList<double> reference)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(reference);
        if (figures.Count != reference.Count || figures.Count == 0)
        {
            throw new ArgumentException($"{figures.Count} rounds against {reference.Count}: the ratios need one round of each, as many of both", nameof(figures));
        }

        return Medians.Of(figures.Select((figure, round) => figure / reference[round]));
    }

    private static string Rounds(EndpointLoad load) =>
        string.Join(", ", load.RoundThroughputs.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)));

    // The 1-minute load average (Linux): how shared the machine was during the run.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private sealed record EndpointRounds(string Name, Uri Url)
    {
        public List<double> Throughputs { get; } = [];

        public List<double> CpuMicroseconds { get; } = [];

        public List<double> Latencies { get; } = [];

        public List<double> Lateness { get; } = [];

        public int ResponseBytes { get; set; }
    }

    private static async Task<Running> StartWebhookAsync(string certificatePath, string keyPath)
    {
        var builder = WebhookApp.CreateBuilder([
            "--Webhook:ListenAddress=127.0.0.1", "--Webhook:HttpsPort=0", "--Webhook:HttpPort=0",
            $"--Webhook:CertificatePath={certificatePath}", $"--Webhook:KeyPath={keyPath}", "--Webhook:WatchNamespaces=false",
            .. BenchInputs.ScheduleArguments,
        ]);
        // Per-admission log lines would measure the console, not the webhook.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IClock>(new BenchInputs.FixedClock(BenchInputs.OffHours));
        // No API server here: the review carries its object, and the webhook's client (built from a kubeconfig, which a
        // CI machine has none of) must not be resolved for it.
        builder.Services.AddSingleton<IParentWorkloadReader>(new NoParents());
        var app = WebhookApp.Build(builder);
        await app.StartAsync();
        var (https, http) = WebhookApp.Addresses(app);

        // Measured as it runs in a cluster, where Prometheus scrapes it: the first scrape is what starts
        // prometheus-net's optional adapters (.NET meters, event counters), whose cost then lands on every request.
        using var scraper = new HttpClient();
        (await scraper.GetAsync(new Uri(http, "/metrics"))).EnsureSuccessStatusCode();
        return new Running(app, https);
    }

    // The same TLS setup as the webhook's (handshake callback, certificate context, TLS 1.2+), no admission logic.
    private static async Task<Running> StartBareAsync(X509Certificate2 certificate)
    {
        var context = SslStreamCertificateContext.Create(certificate, null, offline: true);
        var response = AdmissionResponses.Encode("705ab4f5-6393-11e8-b7cc-42010a800002", AdmissionDecision.Allow);
        var constant = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(response, AdmissionJsonContext.Default.AdmissionReview);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = context,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            }),
        })));
        var app = builder.Build();
        app.MapPost("/mutate", async (HttpRequest request) =>
        {
            // Read the body as the webhook must, so that the difference is the admission work alone.
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Bytes(constant, "application/json");
        });
        await app.StartAsync();
        return new Running(app, new Uri(app.Urls.First()));
    }

    /// <summary>
    /// One endpoint's figures: closed-loop admissions/s (median round), latency percentiles (ms) at a fixed rate, the
    /// process's CPU µs per admission (median round), each throughput round's admissions/s and CPU µs per admission, the
    /// size of its answer's body and how late the generator sent the open loop's requests (99th percentile, ms), which
    /// the latencies include.
    /// </summary>
    public sealed record EndpointLoad(string Endpoint, double Throughput, int Rate, int Requests, double P50, double P99, double Max,
        double CpuMicroseconds, IReadOnlyList<double> RoundThroughputs, IReadOnlyList<double> RoundCpuMicroseconds, int ResponseBytes, double SendLateP99);

    private sealed record Running(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    private sealed class NoParents : IParentWorkloadReader
    {
        public Task<ParentWorkload?> ReadAsync(WorkloadRef workload, CancellationToken cancellationToken) => Task.FromResult<ParentWorkload?>(null);
    }
}
