using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Sandbox.Hosted;
using Tarnfui.Sandbox.Hosting;
using Tarnfui.Sandbox.Seeding;

namespace Tarnfui.Sandbox.Demo;

/// <summary>
/// The emulated cluster of the demo: the sandbox seeded with the shape on a frozen simulated clock, the real
/// webhook registered through the shipped MutatingWebhookConfiguration, and the real sweeper, both sharing the
/// sandbox's clock and configured with the demo's zone. Time moves only when the demo moves it.
/// </summary>
internal sealed class DemoCluster : IAsyncDisposable
{
    private bool _hostedDisposed;

    private DemoCluster(SandboxServer server, SeedResult seeded, HostedWebhook webhook, HostedSweeper sweeper, PolicyResolver policy)
    {
        Server = server;
        Seeded = seeded;
        Webhook = webhook;
        Sweeper = sweeper;
        Policy = policy;
    }

    public SandboxServer Server { get; }

    public SeedResult Seeded { get; }

    public HostedWebhook Webhook { get; }

    public HostedSweeper Sweeper { get; }

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

        // Speed 0: the clock stands still between the demo's steps, so every sweep sees exactly the instant of its tick.
        var server = await SandboxServer.StartAsync(new SandboxOptions { StartTime = script.Start, Speed = 0 }, cancellationToken);
        try
        {
            var seeded = server.Seed(options.Shape);
            string[] shared = [$"--{ScheduleOptions.Section}:{nameof(ScheduleOptions.TimeZone)}={options.TimeZone}"];
            var webhook = await HostedWebhook.StartAsync(server, shared, cancellationToken);
            try
            {
                // The demo drives each sweep at its tick: no lease (one sweeper); the worker's own loop sweeps once at
                // start (Friday 18:30, working hours, nothing to do) and then waits a real day; each sweep lists its
                // view afresh rather than trusting a watch to have caught up with the step before.
                var sweeper = await HostedSweeper.StartAsync(server,
                    [.. shared, "--Sweeper:LeaderElection=false", "--Sweeper:Interval=24h", "--Sweeper:Watch=false"], cancellationToken);
                return new DemoCluster(server, seeded, webhook, sweeper, policy);
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

    /// <summary>
    /// Stops the sweeper and the webhook before the bill is read: the sandbox accounts a request when it ends, so
    /// their long-running watches are counted only once they are closed.
    /// </summary>
    public async Task DisposeHostedAsync()
    {
        if (!_hostedDisposed)
        {
            _hostedDisposed = true;
            await Sweeper.DisposeAsync();
            await Webhook.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeHostedAsync();
        await Server.DisposeAsync();
    }
}
