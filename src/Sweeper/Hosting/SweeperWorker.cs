using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Sweeping;

namespace Tarnfui.Sweeper.Hosting;

/// <summary>
/// Sweeps every <c>Sweeper:Interval</c> while this instance leads (Lease <c>tarnfui-sweeper</c> in Tarnfui's own
/// namespace). Losing the lease cancels the sweep at once; shutting down lets the write in flight finish, then
/// releases the Lease so that another instance takes over without waiting for it to expire. Between the elector's
/// timers, <see cref="LeadershipFence"/> holds back every write once the last renewal is older than the renew deadline.
/// </summary>
internal sealed class SweeperWorker(
    SweepRunner runner,
    IKubernetes client,
    SweeperIdentity identity,
    LeadershipFence fence,
    IOptions<SweeperOptions> options,
    IOptions<ScheduleOptions> schedule,
    Metrics metrics,
    SweeperReadiness readiness,
    ServedApis servedApis,
    IHostApplicationLifetime lifetime,
    ILogger<SweeperWorker> logger) : BackgroundService
{
    private readonly SweeperOptions _options = options.Value;

    public SweepReport? LastReport { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // StartAsync must not block (dotnet/runtime#36063): yield before the first request.
        await Task.Yield();
        readiness.Ready = true;
        if (_options.Once)
        {
            try
            {
                LastReport = await runner.SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.SweepFailed(logger, e);
                Environment.ExitCode = 1;
            }

            lifetime.StopApplication();
            return;
        }

        if (!_options.LeaderElection)
        {
            await SweepWhileAsync(stoppingToken);
            return;
        }

        await LeadAsync(stoppingToken);
    }

    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        var ns = schedule.Value.OwnNamespace;
        var lease = new LeaseLock(client, ns, Core.WellKnown.Objects.SweeperLease, identity.Name);
        var config = new LeaderElectionConfig(new RenewalObservingLock(lease, fence))
        {
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        CancellationTokenSource? term = null;
        Task? sweeping = null;
        elector.OnStartedLeading += () =>
        {
            Log.StartedLeading(logger, identity.Name);

            // Another leader may have seen a CRD installed or removed: ask discovery afresh.
            servedApis.Forget();
            metrics.Leader.Set(1);
            term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var token = term.Token;
            sweeping = Task.Run(() => SweepWhileAsync(token), CancellationToken.None);
        };
        elector.OnStoppedLeading += () =>
        {
            metrics.Leader.Set(0);

            // Shutting down keeps the Lease until the write in flight is done and the Lease is released; any other
            // stop means that another instance may lead already.
            if (!stoppingToken.IsCancellationRequested)
            {
                fence.Lost();
                Log.StoppedLeading(logger, identity.Name);
            }

            // Another instance may lead from now on: no new request of this one may follow.
            term?.Cancel();
        };
        elector.OnNewLeader += leader => Log.NewLeader(logger, leader ?? "");
        elector.OnError += e =>
        {
            // Shutting down cancels the renewal in flight; that is the Lease being let go, not an error.
            if (!(e is OperationCanceledException && stoppingToken.IsCancellationRequested))
            {
                Log.LeaderElectionError(logger, e);
            }
        };
        try
        {
            await elector.RunAndTryToHoldLeadershipForeverAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            term?.Cancel();
            if (sweeping is not null)
            {
                await sweeping.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            term?.Dispose();
            fence.Lost();
            if (elector.IsLeader())
            {
                await ReleaseAsync(ns);
            }

            metrics.Leader.Set(0);
        }
    }

    private async Task SweepWhileAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.Interval);
        do
        {
            try
            {
                LastReport = await runner.SweepAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (LeadershipLostException)
            {
                // The fence has logged it. By the next tick the elector has renewed the Lease or stopped leading.
            }
            catch (Exception e)
            {
                // The next tick starts over from what the API server says; nothing is lost by waiting for it.
                Log.SweepFailed(logger, e);
            }
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // client-go's ReleaseOnCancel: an empty holder lets the next candidate acquire at once instead of waiting
    // out the lease duration.
    private async Task ReleaseAsync(string ns)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var lease = new LeaseLock(client, ns, Core.WellKnown.Objects.SweeperLease, identity.Name);
            var record = await lease.GetAsync(timeout.Token);
            if (record.HolderIdentity == identity.Name)
            {
                record.HolderIdentity = "";
                record.LeaseDurationSeconds = 1;
                record.RenewTime = DateTime.UtcNow;
                await lease.UpdateAsync(record, timeout.Token);
                Log.LeaseReleased(logger, ns, Core.WellKnown.Objects.SweeperLease);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.LeaseReleaseFailed(logger, ns, Core.WellKnown.Objects.SweeperLease, e);
        }
    }
}
