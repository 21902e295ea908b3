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
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(8);
    public const int Connections = 16;
    private const int Rate = 1000;

    public const string Bare = "bare Kestrel, constant review";
    public const string Tarnfui = "tarnfui webhook";

    public static async Task<int> RunAsync(string[] args)
    {
        var results = await MeasureAsync(Warmup, Measure, Rate);
        Console.WriteLine($"# webhook load: {Environment.ProcessorCount} cores, {Connections} keep-alive HTTP/1.1 connections, TLS, body {BenchInputs.ScaleUpReview().Length} bytes");
        Console.WriteLine("| endpoint | admissions/s (closed loop) | p50 ms @ 1,000/s | p99 ms @ 1,000/s | max ms @ 1,000/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Endpoint} | {r.Throughput:N0} | {r.P50:F2} | {r.P99:F2} | {r.Max:F2} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nwebhook / bare throughput: {results.Single(r => r.Endpoint == Tarnfui).Throughput / results.Single(r => r.Endpoint == Bare).Throughput:F2}"));
        return 0;
    }

    /// <summary>
    /// Both endpoints, one after the other, in this process: closed-loop throughput over <paramref name="measure"/>
    /// after <paramref name="warmup"/>, then open-loop latencies at <paramref name="rate"/> admissions/s.
    /// </summary>
    public static async Task<IReadOnlyList<EndpointLoad>> MeasureAsync(TimeSpan warmup, TimeSpan measure, int rate)
    {
        var (certificatePath, keyPath, certificate) = BenchInputs.WriteCertificate();
        var body = BenchInputs.ScaleUpReview();
        await using var bare = await StartBareAsync(certificate);
        await using var webhook = await StartWebhookAsync(certificatePath, keyPath);
        var results = new List<EndpointLoad>();
        foreach (var (name, url) in new[] { (Bare, bare.Url), (Tarnfui, webhook.Url) })
        {
            using var load = new LoadGenerator(new Uri(url, "/mutate"), body, Connections, certificate);
            await load.ThroughputAsync(Connections, warmup);
            var throughput = await load.ThroughputAsync(Connections, measure);
            var latencies = await load.LatenciesAtRateAsync(rate, measure);
            results.Add(new EndpointLoad(name, throughput, rate, latencies.Length,
                LoadGenerator.Percentile(latencies, 50), LoadGenerator.Percentile(latencies, 99), latencies.Max()));
        }

        return results;
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
        return new Running(app, WebhookApp.Addresses(app).Https);
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

    /// <summary>One endpoint's figures: closed-loop admissions/s and latency percentiles (ms) at a fixed rate.</summary>
    public sealed record EndpointLoad(string Endpoint, double Throughput, int Rate, int Requests, double P50, double P99, double Max);

    private sealed record Running(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
