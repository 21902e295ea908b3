using NodaTime;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Acting;

/// <summary>
/// Carries out the planners' decisions. The real actor patches, records Events and keeps the view in step with what
/// it wrote; <c>--dry-run</c> swaps in one that only logs and answers what would have happened. The planners and the
/// passes never change between the two: what differs between a sweep and a dry run is decided here alone.
/// </summary>
internal interface ISweepActor
{
    Task<PatchOutcome> StopAsync(StopPlan.ScaleDown plan, Instant now, CancellationToken cancellationToken);

    Task<PatchOutcome> RestoreAsync(RestorePlan.Restore plan, Instant now, CancellationToken cancellationToken);

    Task<PatchOutcome> ForgetAsync(RestorePlan.Forget plan, Instant now, CancellationToken cancellationToken);

    /// <summary>Suspends a CronJob for off-hours (<see cref="Core.Replicas.SuspendPatches.Stop"/>).</summary>
    Task<PatchOutcome> SuspendAsync(StopPlan.Suspend plan, Instant now, CancellationToken cancellationToken);

    /// <summary>Puts a CronJob's recorded <c>spec.suspend</c> back (<see cref="Core.Replicas.SuspendPatches.Restore"/>).</summary>
    Task<PatchOutcome> PutBackSuspendAsync(RestorePlan.PutBackSuspend plan, Instant now, CancellationToken cancellationToken);

    /// <summary>Removes the record of a CronJob a person resumed while it was held suspended; an Event says so.</summary>
    Task<PatchOutcome> KeepPersonsSuspendAsync(RestorePlan.KeepPersonsSuspend plan, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// A workload read in full that carries Tarnfui's stopped label, so stopped already (by a write whose answer was
    /// lost, or by the webhook): the restore pass must know it even if the watch that should say so is behind.
    /// </summary>
    void FoundStopped(WorkloadSnapshot workload);

    /// <summary>A Warning about an annotation that cannot be read; <paramref name="message"/> says what was done about it.</summary>
    Task WarnAsync(WorkloadSnapshot workload, string message, Instant now, CancellationToken cancellationToken);
}
