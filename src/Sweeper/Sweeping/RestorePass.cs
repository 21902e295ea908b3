using Microsoft.Extensions.Options;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Acting;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// The restore pass: each workload of the stopped set is planned (<see cref="RestorePlanner"/>) and the plan carried
/// out by the actor; a failed precondition means the view was stale or the count moved, so the workload is read in
/// full and decided again.
/// </summary>
internal sealed class RestorePass(
    KubeApi api,
    ClusterView view,
    PolicyResolver policy,
    ISweepActor actor,
    AutoscalerPass autoscalers,
    WarningsOnce warnings,
    IClock clock,
    Metrics metrics,
    IOptions<SweeperOptions> options,
    ILogger<SweepRunner> logger)
{
    private readonly int _maxConflicts = options.Value.MaxConflictRetries;

    public async Task RunAsync(SweepReport report, CancellationToken cancellationToken)
    {
        foreach (var stopped in view.StoppedWorkloads().ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WorkloadGuard.RunAsync(stopped.Ref, report, logger, () => RestoreAsync(stopped, report));
        }
    }

    private async Task RestoreAsync(WorkloadSnapshot stopped, SweepReport report)
    {
        var current = stopped;
        var workload = stopped.Ref;
        for (var attempt = 0; attempt <= _maxConflicts; attempt++)
        {
            // Each decision takes the instant it is made at: a sweep slowed by retries can run for minutes.
            var now = clock.GetCurrentInstant();
            var plan = RestorePlanner.Plan(current, view.NamespaceAnnotations(workload.Namespace), policy, now, view.NamespaceLabels(workload.Namespace));
            if (plan.Warning is { } warning)
            {
                await warnings.WarnAsync(current, warning, report);
            }

            if (plan is RestorePlan.Restore or RestorePlan.Forget)
            {
                // Its HPA first: see AutoscalerPass on why this order is the safe one if the sweep stops in between.
                await autoscalers.ReleaseAsync(workload, report);
            }

            var outcome = await CarryOutAsync(plan, now, report);
            switch (outcome)
            {
                case null or PatchOutcome.Applied:
                    return;
                case PatchOutcome.NotFound:
                    view.Record(workload, null);
                    return;
            }

            // A precondition failed: the list's view was stale, the count moved or a CronJob was resumed. Read the
            // whole object (now with spec.replicas or spec.suspend) and decide again.
            report.Conflicts++;
            var fresh = await api.ReadWorkloadAsync(workload, CancellationToken.None);
            report.WorkloadReads++;
            if (fresh is null)
            {
                view.Record(workload, null);
                return;
            }

            current = fresh;
        }

        report.Failed.Add(workload);
        Log.GaveUp(logger, workload.Kind.ToString(), workload.Namespace, workload.Name, _maxConflicts + 1);
    }

    // The outcome of the plan's write, or null when it writes nothing (hold, invalid).
    private async Task<PatchOutcome?> CarryOutAsync(RestorePlan plan, Instant now, SweepReport report)
    {
        var workload = plan.Workload.Ref;
        switch (plan)
        {
            case RestorePlan.Invalid invalid:
                await warnings.WarnAsync(invalid.Workload, WarningsOnce.LeftAlone(invalid.Message), report);
                return null;
            case RestorePlan.Restore restore:
                return await CountAsync(actor.RestoreAsync(restore, now, CancellationToken.None), workload, report, skipped: false);
            case RestorePlan.Forget forget:
                return await CountAsync(actor.ForgetAsync(forget, now, CancellationToken.None), workload, report, skipped: true);
            case RestorePlan.PutBackSuspend putBack:
                return await CountAsync(actor.PutBackSuspendAsync(putBack, now, CancellationToken.None), workload, report, skipped: false);
            case RestorePlan.KeepPersonsSuspend keep:
                return await CountAsync(actor.KeepPersonsSuspendAsync(keep, now, CancellationToken.None), workload, report, skipped: true);
            default:
                return null;
        }
    }

    // A write is counted whether or not it lands (or throws); only a landed one is a restore (or a person's change kept).
    private async Task<PatchOutcome> CountAsync(Task<PatchOutcome> write, WorkloadRef workload, SweepReport report, bool skipped)
    {
        report.Writes++;
        var outcome = await write;
        if (outcome is PatchOutcome.Applied)
        {
            (skipped ? report.RestoreSkipped : report.Restored).Add(workload);
            metrics.Restores.WithLabels(workload.Kind.ToString(), skipped ? "skipped" : "restored").Inc();
        }

        return outcome;
    }
}
