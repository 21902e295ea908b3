using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Tarnfui.Testing;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Support;

/// <summary>
/// The webhook as the Sandbox and production run it: <see cref="WebhookApp"/> on real Kestrel, TLS on loopback,
/// PEM files on disk, both ports picked free; a fake clock and parent reader.
/// </summary>
internal sealed class RealWebhook : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RealWebhook(WebApplication app)
    {
        _app = app;
        (Https, Http) = WebhookApp.Addresses(app);
    }

    /// <summary>The base address of <c>/mutate</c>.</summary>
    public Uri Https { get; }

    /// <summary>The base address of the probes and <c>/metrics</c>.</summary>
    public Uri Http { get; }

    public IServiceProvider Services => _app.Services;

    public Uri Mutate => new(Https, AdmissionEndpoints.MutatePath);

    /// <summary>Starts the webhook serving the certificate <paramref name="certificates"/> wrote, with <paramref name="configuration"/> on top.</summary>
    public static async Task<RealWebhook> StartAsync(TestCertificates certificates, params string[] configuration)
    {
        var builder = WebhookApp.CreateBuilder([
            "--Webhook:ListenAddress=127.0.0.1",
            "--Webhook:HttpsPort=0",
            "--Webhook:HttpPort=0",
            $"--Webhook:CertificatePath={certificates.CertificatePath}",
            $"--Webhook:KeyPath={certificates.KeyPath}",
            "--Webhook:WatchNamespaces=false",
            $"--Schedule:Uptime={Policies.Uptime}",
            $"--Schedule:TimeZone={Policies.Zone}",
            .. configuration,
        ]);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IClock>(new FakeClock(Policies.OffHours));
        builder.Services.AddSingleton<IParentWorkloadReader>(new FakeParents());
        var app = WebhookApp.Build(builder);
        await app.StartAsync();
        return new RealWebhook(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
