using Microsoft.Extensions.Options;
using NodaTime;
using Tarnfui.Core.Autoscaling;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Sweeper.Acting;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// Keeps each HorizontalPodAutoscaler in step with how Tarnfui holds its target (<see cref="AutoscalerRules"/>): bounded
/// to the held count while its target is held at one or more, its own bounds back once it is not. Planned from the
/// HPA view and the stopped sets, so it costs no request but its writes.
/// </summary>
/// <remarks>
/// The order of the two writes is what keeps a crash between them harmless. In the evening the workload is stopped
/// first and its HPA bounded after (<see cref="RunAsync"/> follows the stop pass): a crash between leaves an HPA whose
/// raises the webhook refuses until the next sweep bounds it, and the record of the workload's count is already
/// written. Bounding first would let the HPA scale the workload down before its stop recorded the count to restore. In
/// the morning the HPA is released first and the workload restored after (<see cref="ReleaseAsync"/>, called by the
/// restore pass): a crash between leaves an HPA that may raise a held workload into its range, which the restore then
/// keeps as a person's change. Restoring first would leave an HPA bounded to the night's count that scales the
/// workload down in working hours. Either half left undone is found by the next sweep: <see cref="RunAsync"/> bounds
/// the HPA of every held workload and releases every bounded HPA whose workload is no longer held.
/// </remarks>
internal sealed class AutoscalerPass(
    KubeApi api,
    ClusterView view,
    IAutoscalerWriter writer,
    IClock clock,
    Metrics metrics,
    IOptions<SweeperOptions> options,
    ILogger<SweepRunner> logger)
{
    /// <summary>The value of the stop and restore counters' <c>kind</c> label for HPA writes.</summary>
    public const string MetricKind = "HorizontalPodAutoscaler";

    private readonly int _maxConflicts = options.Value.MaxConflictRetries;

    /// <summary>Every HPA of the view, after the stop pass: bound where its target is held, released where it is not.</summary>
    public async Task RunAsync(SweepReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var (target, autoscaler) in view.AutoscalersByTarget())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WorkloadGuard.RunAsync(target, report, logger, () => SettleAsync(autoscaler, HeldAt(target), report));
        }
    }

    /// <summary>Before a workload's restore: its HPA, if Tarnfui bounded it, gets its own bounds back (or keeps a person's).</summary>
    public async Task ReleaseAsync(WorkloadRef workload, SweepReport report)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(report);
        if (view.AutoscalersByTarget().GetValueOrDefault(workload) is { Record.Count: > 0 } autoscaler)
        {
            await SettleAsync(autoscaler, heldAt: null, report);
        }
    }

    // The count the target is held at, 0 when its record does not say (a record from before held-replicas, or one a
    // person broke: the HPA is not bounded on a guess), or null when the target is not held.
    private int? HeldAt(WorkloadRef target)
    {
        if (view.StoppedSnapshot(target) is not { } stopped)
        {
            return null;
        }

        var state = StoppedState.Read(stopped.Metadata.Annotations, stopped.Metadata.Labels);
        return state.IsValid ? state.Value?.HeldReplicas ?? 0 : 0;
    }

    private async Task SettleAsync(AutoscalerSnapshot autoscaler, int? heldAt, SweepReport report)
    {
        var current = autoscaler;
        for (var attempt = 0; attempt <= _maxConflicts; attempt++)
        {
            var verdict = AutoscalerRules.Decide(current.Bounds, current.ReadRecord(), heldAt);
            switch (verdict)
            {
                case AutoscalerVerdict.Leave:
                    return;
                case AutoscalerVerdict.Invalid invalid:
                    Log.AutoscalerInvalid(logger, current.Namespace, current.Name, invalid.Message);
                    return;
            }

            report.Writes++;
            switch (await writer.WriteAsync(current, verdict, clock.GetCurrentInstant(), CancellationToken.None))
            {
                case AutoscalerWrite.Applied:
                    Count(verdict);
                    return;
                case AutoscalerWrite.Gone:
                    return;
            }

            // A test failed: a person or the HPA controller changed it since the view saw it. Read it and decide again.
            report.Conflicts++;
            if (await api.ReadAutoscalerAsync(current.Namespace, current.Name, CancellationToken.None) is not { } fresh)
            {
                return;
            }

            current = fresh;
        }

        Log.AutoscalerGaveUp(logger, autoscaler.Namespace, autoscaler.Name, _maxConflicts + 1);
    }

    private void Count(AutoscalerVerdict verdict)
    {
        switch (verdict)
        {
            case AutoscalerVerdict.Bound:
                metrics.Stops.WithLabels(MetricKind).Inc();
                break;
            case AutoscalerVerdict.PutBack:
                metrics.Restores.WithLabels(MetricKind, "restored").Inc();
                break;
            case AutoscalerVerdict.Forget:
                metrics.Restores.WithLabels(MetricKind, "skipped").Inc();
                break;
        }
    }
}
