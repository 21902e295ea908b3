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
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LatencyRound = TimeSpan.FromSeconds(4);
    private const int Rounds = 4;
    private const int Connections = 16;
    private const int Rate = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var (certificatePath, keyPath, certificate) = BenchInputs.WriteCertificate();
        var body = BenchInputs.ScaleUpReview();
        await using var bare = await StartBareAsync(certificate);
        await using var webhook = await StartWebhookAsync(certificatePath, keyPath);
        var endpoints = new[] { new Endpoint("bare Kestrel, constant review", bare.Url), new Endpoint("tarnfui webhook", webhook.Url) };

        Console.WriteLine($"# webhook load: {Environment.ProcessorCount} cores, load average {LoadAverage()}, {Connections} keep-alive HTTP/1.1 connections, TLS, body {body.Length} bytes");
        var loads = endpoints.ToDictionary(e => e, e => new LoadGenerator(new Uri(e.Url, "/mutate"), body, Connections, certificate));
        try
        {
            foreach (var endpoint in endpoints)
            {
                await loads[endpoint].ThroughputAsync(Connections, Warmup);
            }

            // Rounds alternate between the endpoints, so that a build starting on the shared machine weighs on both
            // alike; each figure is the median of its rounds. CPU time is the whole process's (server, client, GC)
            // per admission: steadier than throughput on a busy machine.
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var endpoint in endpoints)
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var (throughput, completed) = await loads[endpoint].ThroughputAsync(Connections, Round);
                    endpoint.Throughputs.Add(throughput);
                    endpoint.CpuMicroseconds.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / completed);
                }
            }

            for (var round = 0; round < 2; round++)
            {
                foreach (var endpoint in endpoints)
                {
                    endpoint.Latencies.AddRange(await loads[endpoint].LatenciesAtRateAsync(Rate, LatencyRound));
                }
            }
        }
        finally
        {
            foreach (var load in loads.Values)
            {
                load.Dispose();
            }
        }

        Console.WriteLine("| endpoint | admissions/s (closed loop) | CPU µs per admission | p50 ms @ 1,000/s | p99 ms @ 1,000/s | max ms @ 1,000/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var endpoint in endpoints)
        {
            var latencies = endpoint.Latencies.ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {endpoint.Name} | {Median(endpoint.Throughputs):N0} | {Median(endpoint.CpuMicroseconds):F0} | {LoadGenerator.Percentile(latencies, 50):F2} | {LoadGenerator.Percentile(latencies, 99):F2} | {latencies.Max():F2} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nwebhook / bare throughput: {Median(endpoints[1].Throughputs) / Median(endpoints[0].Throughputs):F2} " +
            $"(rounds: bare {string.Join(", ", endpoints[0].Throughputs.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))}; " +
            $"webhook {string.Join(", ", endpoints[1].Throughputs.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))}); load average now {LoadAverage()}"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    // The 1-minute load average (Linux), the figure that says how shared the machine was during the run.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private sealed record Endpoint(string Name, Uri Url)
    {
        public List<double> Throughputs { get; } = [];

        public List<double> CpuMicroseconds { get; } = [];

        public List<double> Latencies { get; } = [];
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

    private sealed record Running(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
