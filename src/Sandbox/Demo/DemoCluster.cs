using NodaTime;
using Tarnfui.Cli.Dashboard;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Server;
using Tarnfui.Sandbox.InProcess;
using Tarnfui.Sandbox.Serve;

namespace Tarnfui.Sandbox.Demo;

/// <summary>
/// The emulated cluster of the demo: the sandbox seeded with the shape on a frozen simulated clock, the real
/// webhook registered through the shipped MutatingWebhookConfiguration, and the real sweeper, both sharing the
/// sandbox's clock and configured with the demo's zone. Time moves only when the demo moves it.
/// </summary>
internal sealed class DemoCluster : IAsyncDisposable
{
    private bool _disposed;

    private DemoCluster(EmulatorServer server, SeedResult seeded, HostedWebhook webhook, HostedSweeper sweeper, DemoNotifications notifications, PolicyResolver policy, DashboardServer? dashboard)
    {
        Dashboard = dashboard;
        Server = server;
        Seeded = seeded;
        Webhook = webhook;
        Sweeper = sweeper;
        Notifications = notifications;
        Policy = policy;
    }

    public EmulatorServer Server { get; }

    public SeedResult Seeded { get; }

    public HostedWebhook Webhook { get; }

    public HostedSweeper Sweeper { get; }

    /// <summary>The receiver of the sweeper's notifications (Slack format).</summary>
    public DemoNotifications Notifications { get; }

    /// <summary>The read-only dashboard on the demo's cluster (<see cref="DemoOptions.Dashboard"/>), or null.</summary>
    public DashboardServer? Dashboard { get; }

    /// <summary>The policy the webhook and the sweeper run with, for the naive sweeper to decide the same way.</summary>
    public PolicyResolver Policy { get; }

    public static async Task<DemoCluster> StartAsync(DemoOptions options, DemoScript script, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(script);
        var schedule = new ScheduleOptions { TimeZone = options.TimeZone };
        var policy = GlobalPolicy.Create(schedule) is { IsValid: true } global
            ? new PolicyResolver(global.Value)
            : throw new ArgumentException($"--zone \"{options.TimeZone}\" gives no valid global schedule");

        // The same dashboard as serve's, attached to the server (which stops it): it follows the demo's steps through
        // the Date of the emulator's answers.
        DashboardServer? dashboard = null;
        // Speed 0: the clock stands still between the demo's steps, so every sweep sees exactly the instant of its tick.
        var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            StartTime = script.Start,
            Speed = 0,
            // The namespace watches of the stopped webhook and sweeper are not seen to end by the sandbox (their
            // deployment and statefulset watches are): without this the last step waits out the default 30 s shutdown
            // timeout. Requests cut at shutdown are still accounted.
            ConfigureServices = services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2)),
            Attachments = options.Dashboard ? [async (started, token) => dashboard = await DashboardServeOptions.StartAsync(started, new DashboardOptions(), token)] : [],
        }, cancellationToken);
        try
        {
            var seeded = server.Seed(options.Shape);
            var zone = $"{ScheduleOptions.Section}:{nameof(ScheduleOptions.TimeZone)}";
            var webhook = await HostedWebhook.StartAsync(server, new Dictionary<string, string> { [zone] = options.TimeZone }, cancellationToken);
            try
            {
                // The demo drives each sweep at its tick, so the sweeper's host (its interval loop, the Lease) is not
                // started: a sweep of its own, still running when the demo moves the clock, would decide with the new
                // time and stop what the timeline attributes to the tick. The client-side rate limit (20 QPS by
                // default) paces requests in real time, which means nothing when 61 hours pass in seconds: it is
                // lifted, which changes no request count or byte, only how long the demo takes.
                // Its logs would drown the timeline: warnings and errors only.
                var notifications = await DemoNotifications.StartAsync(cancellationToken);
                var sweeper = await HostedSweeper.CreateAsync(server,
                    [$"--{zone}={options.TimeZone}", "--Logging:LogLevel:Tarnfui=Warning", "--Sweeper:LeaderElection=false", "--Sweeper:Qps=100000", "--Sweeper:Burst=100000",
                     .. notifications.SweeperSettings], cancellationToken);
                return new DemoCluster(server, seeded, webhook, sweeper, notifications, policy, dashboard);
            }
            catch
            {
                await webhook.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Moves the simulated clock to <paramref name="instant"/> and leaves it there.</summary>
    public void MoveTo(Instant instant) => Server.Clock.SetTo(instant);

    /// <summary>Waits until the emulated controllers have turned every replica change into pods.</summary>
    public Task SettleAsync() => Server.Controllers.SettledAsync(TimeSpan.FromSeconds(60));

    /// <summary>Stops the sweeper, the webhook, then the sandbox (and with it the dashboard); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Sweeper.DisposeAsync();
        await Notifications.DisposeAsync();
        await Webhook.DisposeAsync();
        await Server.DisposeAsync();
    }
}
