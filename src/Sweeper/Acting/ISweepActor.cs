using NodaTime;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Acting;

/// <summary>
/// Carries out the planners' decisions. The real actor patches and records Events; <c>--dry-run</c> swaps in one
/// that only logs. The planner never changes between the two.
/// </summary>
public interface ISweepActor
{
    /// <summary>Whether this actor writes (false for the dry run, whose outcomes are what would have happened).</summary>
    bool Writes { get; }

    Task<PatchOutcome> StopAsync(StopPlan.ScaleDown plan, Instant now, CancellationToken cancellationToken);

    Task<PatchOutcome> RestoreAsync(RestorePlan.Restore plan, Instant now, CancellationToken cancellationToken);

    Task<PatchOutcome> ForgetAsync(RestorePlan.Forget plan, Instant now, CancellationToken cancellationToken);

    /// <summary>A Warning about an annotation that cannot be read; <paramref name="message"/> says what was done about it.</summary>
    Task WarnAsync(WorkloadSnapshot workload, string message, Instant now, CancellationToken cancellationToken);
}
