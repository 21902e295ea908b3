using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// The stop of a Job its CronJob started follows the CronJob: it is suspended only while Tarnfui holds the CronJob (or
/// is about to, this sweep). A CronJob that runs tonight (excluded, woken, its own hours, suspended or resumed by a
/// person) keeps its Jobs running, so that the person's choice on the CronJob is never undone through its Job. Pure.
/// </summary>
internal static class CronJobGate
{
    /// <param name="jobPlan">The Job's own plan.</param>
    /// <param name="cronJob">Its CronJob from the view, or null when the view does not have it (then the Job's own plan stands).</param>
    /// <param name="namespaceAnnotations">The namespace's Tarnfui annotations.</param>
    /// <param name="policy">The policy the CronJob is decided by, as in the suspend pass.</param>
    /// <param name="now">The instant of the decision.</param>
    /// <param name="namespaceLabels">The namespace's labels the selectors name, null when unknown or not needed.</param>
    public static StopPlan Apply(
        StopPlan jobPlan, WorkloadSnapshot? cronJob, IReadOnlyDictionary<string, string>? namespaceAnnotations, PolicyResolver policy, Instant now,
        IReadOnlyDictionary<string, string>? namespaceLabels = null)
    {
        ArgumentNullException.ThrowIfNull(jobPlan);
        ArgumentNullException.ThrowIfNull(policy);
        if (jobPlan is not StopPlan.Suspend || cronJob is null)
        {
            return jobPlan;
        }

        var held = StopPlanner.Plan(cronJob, namespaceAnnotations, policy, now, namespaceLabels) switch
        {
            StopPlan.Suspend => true,
            StopPlan.Leave when cronJob.Metadata.IsStopped && cronJob.Suspend == true => true,
            _ => false,
        };
        return held ? jobPlan : new StopPlan.Leave(jobPlan.Workload, $"its CronJob {cronJob.Ref.Name} is not held by Tarnfui tonight");
    }
}
