using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Tarnfui.Emulator.Server;
using Tarnfui.Sweeper.Hosting;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Sweeping;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// A sweeper application wired to a sandbox as the sweeper's service account, sharing its clock. Tests drive single
/// sweeps through <see cref="SweepAsync"/> or start the host (leader election, interval) with <see cref="StartAsync"/>.
/// </summary>
internal sealed class TestSweeper : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _started;

    private TestSweeper(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public SweepRunner Runner => _app.Services.GetRequiredService<SweepRunner>();

    public SweeperWorker Worker => _app.Services.GetRequiredService<SweeperWorker>();

    public Metrics Metrics => _app.Services.GetRequiredService<Metrics>();

    public static TestSweeper Create(EmulatorServer server, string identity = "test-sweeper", Func<DelegatingHandler>? extraHandler = null, params string[] settings) =>
        Create(server, identity, extraHandler, _ => { }, settings);

    /// <summary>A sweeper that reads its time from <paramref name="clock"/> instead of the sandbox's.</summary>
    public static TestSweeper Create(EmulatorServer server, IClock clock) =>
        Create(server, "test-sweeper", null, services => services.Replace(ServiceDescriptor.Singleton(clock)));

    /// <summary>As the other overload, with <paramref name="services"/> replacing registrations last (e.g. the fence's monotonic clock).</summary>
    public static TestSweeper Create(EmulatorServer server, string identity, Func<DelegatingHandler>? extraHandler, Action<IServiceCollection> services, params string[] settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--Sweeper:LeaderElection=false",
            $"--Sweeper:Identity={identity}",
            "--Sweeper:RetryBackoff=20ms",
            "--Sweeper:Qps=500",
            "--Sweeper:Burst=500",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        var builder = SweeperApp.CreateBuilder(args);
        builder.Services.Replace(ServiceDescriptor.Singleton<IClock>(server.Clock));
        builder.Services.Replace(ServiceDescriptor.Singleton(server.ClientConfiguration(EmulatorUsers.Sweeper)));
        if (extraHandler is not null)
        {
            // In front of the client's own handler (outermost), as the host's registration builds the client.
            builder.Services.Replace(ServiceDescriptor.Singleton<IKubernetes>(sp => new Kubernetes(
                sp.GetRequiredService<KubernetesClientConfiguration>(), extraHandler(), sp.GetRequiredService<KubeApiHandler>())));
        }

        services(builder.Services);

        return new TestSweeper(SweeperApp.Build(builder));
    }

    public Task<SweepReport> SweepAsync(CancellationToken cancellationToken = default) => Runner.SweepAsync(cancellationToken);

    public async Task StartAsync()
    {
        await _app.StartAsync();
        _started = true;
    }

    public async Task StopAsync()
    {
        if (_started)
        {
            _started = false;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
