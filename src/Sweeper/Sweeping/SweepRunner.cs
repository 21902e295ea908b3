using System.Diagnostics;
using Microsoft.Extensions.Options;
using NodaTime;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Notifications;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// Runs one sweep at a time: the view brought up to date, the <see cref="RestorePass"/> over the stopped set, the
/// <see cref="StopPass"/> over the running pods, the <see cref="SuspendPass"/> over the CronJobs, the
/// <see cref="AutoscalerPass"/> over the HorizontalPodAutoscalers, the <see cref="ScaledObjectPass"/> over the KEDA
/// ScaledObjects, then the
/// <see cref="HeldDownGauges"/> and the <see cref="Notifier"/>. Level-based: each sweep is
/// derived from what the API server says now, so a fresh sweeper carries on from the annotations wherever the last
/// one stopped.
/// </summary>
internal sealed class SweepRunner(
    ClusterView view,
    OwnerCache owners,
    RestorePass restorePass,
    StopPass stopPass,
    SuspendPass suspendPass,
    AutoscalerPass autoscalerPass,
    ScaledObjectPass scaledObjectPass,
    HeldDownGauges heldDown,
    Notifier notifier,
    WarningsOnce warnings,
    IClock clock,
    Metrics metrics,
    IOptions<SweeperOptions> options,
    ILogger<SweepRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly bool _dryRun = options.Value.DryRun;

    /// <summary>
    /// One sweep. Cancellation is honoured between writes: a write in flight finishes (it carries its own
    /// precondition and timeout), so a stop never leaves half a record, however the sweep is interrupted.
    /// </summary>
    public async Task<SweepReport> SweepAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var report = new SweepReport(Guid.NewGuid().ToString("n")[..12], clock.GetCurrentInstant(), _dryRun);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SweepId"] = report.SweepId });
        var outcome = "failed";
        try
        {
            report.ViewListPages = await view.EnsureSyncedAsync(cancellationToken);

            // Both caches of what runs begin their sweep before the restore pass: what its answers refresh belongs to
            // this sweep, and outlives its end even when the pods they bring back are not running yet.
            owners.BeginSweep(report.At);
            owners.Expect(view.ReplicaSets.Count);
            view.Reads.BeginSweep();
            await restorePass.RunAsync(report, cancellationToken);
            await stopPass.RunAsync(report, cancellationToken);
            await suspendPass.RunAsync(report, cancellationToken);
            await autoscalerPass.RunAsync(report, cancellationToken);
            await scaledObjectPass.RunAsync(report, cancellationToken);
            heldDown.Update();
            warnings.EndSweep();
            notifier.Publish(report);
            outcome = "ok";
            return report;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            report.Duration = Stopwatch.GetElapsedTime(started);
            metrics.SweepDuration.WithLabels(outcome).Observe(report.Duration.TotalSeconds);
            if (outcome == "ok")
            {
                Log.SweepFinished(logger, report.Stopped.Count, report.Restored.Count, report.RestoreSkipped.Count, report.Invalid.Count,
                    report.PodPages, report.RunningWorkloads, report.Duration.TotalMilliseconds);
            }

            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();
}
