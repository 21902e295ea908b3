using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;
using Tarnfui.Sweeper;
using Tarnfui.Sweeper.Sweeping;

namespace Tarnfui.Sandbox.InProcess;

/// <summary>
/// The real sweeper application, hosted in the sandbox process: it talks to the sandbox over loopback HTTPS as the
/// sweeper's service account (so the webhook's match condition leaves its writes alone), and shares the sandbox's
/// simulated clock, so a night compressed into seconds is a night for the sweeper too.
/// </summary>
internal sealed class HostedSweeper : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostedSweeper(WebApplication app) => _app = app;

    /// <summary>The plain-HTTP address of <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>, once started.</summary>
    public Uri ProbeUrl => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public SweepRunner Runner => _app.Services.GetRequiredService<SweepRunner>();

    public Metrics Metrics => _app.Services.GetRequiredService<Metrics>();

    /// <summary>The sweeper's services, for a caller that reads what a sweep decided (the demo's notifications).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the sweeper against <paramref name="sandbox"/>. <paramref name="settings"/> are command-line style
    /// overrides (<c>--Sweeper:Interval=2s</c>, <c>--dry-run</c>, <c>--Schedule:Uptime=…</c>).
    /// </summary>
    public static async Task<HostedSweeper> StartAsync(EmulatorServer sandbox, IEnumerable<string>? settings = null, CancellationToken cancellationToken = default)
    {
        var sweeper = await CreateAsync(sandbox, settings, cancellationToken);
        await sweeper._app.StartAsync(cancellationToken);
        return sweeper;
    }

    /// <summary>
    /// Builds the sweeper without starting its host: no interval sweeps, no Lease, only the sweeps a caller runs
    /// through <see cref="SweepAsync"/> (benchmarks, the demo's scripted night).
    /// </summary>
    public static async Task<HostedSweeper> CreateAsync(EmulatorServer sandbox, IEnumerable<string>? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        await EnsureOwnNamespaceAsync(sandbox, cancellationToken);
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--Sweeper:Identity=sandbox-sweeper",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Tarnfui=Information",
            // The sandbox's stdout is for its own output (serve's "ready" line, the demo's timeline).
            "--Logging:Console:LogToStandardErrorThreshold=Trace",
            .. settings ?? [],
        ];
        var builder = SweeperApp.CreateBuilder(args);
        builder.Services.Replace(ServiceDescriptor.Singleton<IClock>(sandbox.Clock));
        builder.Services.Replace(ServiceDescriptor.Singleton(sandbox.ClientConfiguration(EmulatorUsers.Sweeper)));
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, EmulatorOwnedLifetime>());
        return new HostedSweeper(SweeperApp.Build(builder));
    }

    /// <summary>Runs one sweep now (besides the ones the interval runs), e.g. for the demo's timeline.</summary>
    public Task<SweepReport> SweepAsync(CancellationToken cancellationToken = default) => Runner.SweepAsync(cancellationToken);

    /// <summary>Stops gracefully: the write in flight finishes and the Lease is released.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // The Lease lives in Tarnfui's own namespace, which a fresh sandbox does not have.
    private static async Task EnsureOwnNamespaceAsync(EmulatorServer sandbox, CancellationToken cancellationToken)
    {
        using var admin = sandbox.CreateClient();
        try
        {
            await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = WellKnown.Objects.Namespace } }, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }
    }
}
