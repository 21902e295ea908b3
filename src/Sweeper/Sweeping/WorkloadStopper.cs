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
/// The stop of one workload: read in full, planned (<see cref="StopPlanner"/>) and carried out by the actor, again
/// from a fresh read while a precondition fails; and the carrying out of a stop plan however it was decided.
/// </summary>
internal sealed class WorkloadStopper(
    KubeApi api,
    ClusterView view,
    PolicyResolver policy,
    ISweepActor actor,
    WarningsOnce warnings,
    IClock clock,
    Metrics metrics,
    IOptions<SweeperOptions> options,
    ILogger<SweepRunner> logger)
{
    private readonly int _maxConflicts = options.Value.MaxConflictRetries;

    /// <summary>Reads, decides and stops; <paramref name="read"/> is told of each version read.</summary>
    public async Task StopAsync(WorkloadRef workload, SweepReport report, Action<WorkloadSnapshot>? read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        for (var attempt = 0; attempt <= _maxConflicts; attempt++)
        {
            // A StatefulSet or a Rollout whose spec the watch shows unchanged is decided from its kept read; the patch
            // tests the version the watch last brought, and a failed test reads it (the next attempt).
            var snapshot = attempt == 0 ? view.Reads.Current(workload) : null;
            if (snapshot is null)
            {
                snapshot = await api.ReadWorkloadAsync(workload, cancellationToken);
                report.WorkloadReads++;
                if (snapshot is null)
                {
                    view.Reads.Forget(workload);
                    return;
                }

                view.Reads.Remember(snapshot);
            }

            read?.Invoke(snapshot);
            var namespaceAnnotations = view.NamespaceAnnotations(workload.Namespace);
            var namespaceLabels = view.NamespaceLabels(workload.Namespace);
            var plan = StopPlanner.Plan(snapshot, namespaceAnnotations, policy, Now(), namespaceLabels);
            if (snapshot.CronJob is { } cronJob)
            {
                plan = CronJobGate.Apply(plan, view.CronJobs.Get(workload.Namespace, cronJob), namespaceAnnotations, policy, Now(), namespaceLabels);
            }

            // Stopped already, by a write whose answer was lost or by the webhook: the restore pass must know it even
            // if the watch that should say so is behind.
            if (plan is StopPlan.Leave && snapshot.Metadata.IsStopped)
            {
                actor.FoundStopped(snapshot);
            }

            if (await CarryOutAsync(plan, report) is not PatchOutcome.Conflict)
            {
                return;
            }

            report.Conflicts++;
        }

        report.Failed.Add(workload);
        Log.GaveUp(logger, workload.Kind.ToString(), workload.Namespace, workload.Name, _maxConflicts + 1);
    }

    /// <summary>
    /// One stop decision carried out, the same whether it came from a copy or from the workload read: the outcome of
    /// its write, or null when it writes nothing (leave, operator-owned, invalid, read first).
    /// </summary>
    public async Task<PatchOutcome?> CarryOutAsync(StopPlan plan, SweepReport report)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(report);
        var workload = plan.Workload.Ref;
        switch (plan)
        {
            case StopPlan.OperatorOwned:
                Log.OperatorOwned(logger, workload.Kind.ToString(), workload.Namespace, workload.Name);
                metrics.OperatorOwnedSkipped.WithLabels(workload.Kind.ToString()).Inc();
                report.OperatorOwnedSkipped.Add(workload);
                return null;
            case StopPlan.Invalid invalid:
                await warnings.WarnAsync(invalid.Workload, WarningsOnce.LeftAlone(invalid.Message), report);
                return null;
            case StopPlan.ScaleDown stop:
                return await CountAsync(actor.StopAsync(stop, Now(), CancellationToken.None), workload, report);
            case StopPlan.Suspend suspend:
                return await CountAsync(actor.SuspendAsync(suspend, Now(), CancellationToken.None), workload, report);
            default:
                return null;
        }
    }

    // A write is counted whether or not it lands (or throws); only a landed one is a stop.
    private async Task<PatchOutcome> CountAsync(Task<PatchOutcome> write, WorkloadRef workload, SweepReport report)
    {
        report.Writes++;
        var outcome = await write;
        if (outcome is PatchOutcome.Applied)
        {
            report.Stopped.Add(workload);
            metrics.Stops.WithLabels(workload.Kind.ToString()).Inc();
        }

        return outcome;
    }

    // A sweep slowed by retries and rate limits can run for minutes: each decision and each write takes the instant it
    // is made at, so a sweep that began before working hours never stops a workload after they started.
    private Instant Now() => clock.GetCurrentInstant();
}
