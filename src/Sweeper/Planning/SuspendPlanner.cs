using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// The decisions about a kind stopped through <c>spec.suspend</c> (a CronJob) once the policy is resolved, pure: the
/// stop and restore planners hand such a kind here, so the policy (annotations, namespace, exclusions, schedules,
/// holidays, <c>exclude-until</c>) is resolved exactly as for a Deployment.
/// </summary>
internal static class SuspendPlanner
{
    /// <summary>Off-hours: suspend it, unless a person suspended it, or resumed it while Tarnfui held it.</summary>
    public static StopPlan PlanOffHours(WorkloadSnapshot workload, PolicyDecision.OffHours offHours)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (workload.Finished)
        {
            // Nothing left to hold, and its record would be history rewritten: a finished Job is never touched.
            return new StopPlan.Leave(workload, "finished (Complete or Failed)");
        }

        var suspended = workload.Suspend ?? throw new ArgumentException($"{workload.Ref}: the stop pass needs spec.suspend", nameof(workload));
        return SuspendRules.ForOffHours(suspended, SuspendState.Read(workload.Metadata.Annotations, workload.Metadata.Labels)) switch
        {
            SuspendVerdict.Suspend => new StopPlan.Suspend(workload, offHours),
            SuspendVerdict.SuspendedByPerson => new StopPlan.Leave(workload, "suspended already, not by Tarnfui"),
            SuspendVerdict.AlreadyStopped => new StopPlan.Leave(workload, "already suspended by Tarnfui"),
            SuspendVerdict.ResumedByPerson => new StopPlan.Leave(workload, "resumed by a person while Tarnfui held it suspended; their choice stands"),
            SuspendVerdict.InvalidState invalid => new StopPlan.Invalid(workload, invalid.Message),
            var other => throw new InvalidOperationException($"Unknown suspend verdict {other}"),
        };
    }

    /// <summary>
    /// Working hours or exempt (<paramref name="why"/>): put the recorded <c>spec.suspend</c> back, or, when a person
    /// resumed it meanwhile, only remove the record.
    /// </summary>
    public static RestorePlan PlanRestore(WorkloadSnapshot workload, SuspendState stopped, string why, string? warning)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(stopped);

        // Unknown (read without its spec): the patch tests that it is still suspended, so a resumed one is re-read.
        var suspended = workload.Suspend ?? true;
        return SuspendRules.ForRestore(suspended, stopped) switch
        {
            ResumeVerdict.PutBack back => new RestorePlan.PutBackSuspend(workload, back.Suspend, why) { Warning = warning },
            ResumeVerdict.Forget => new RestorePlan.KeepPersonsSuspend(workload) { Warning = warning },
            var other => throw new InvalidOperationException($"Unknown resume verdict {other}"),
        };
    }
}
