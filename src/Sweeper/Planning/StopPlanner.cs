using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Core.Scope;

namespace Tarnfui.Sweeper.Planning;

/// <summary>The stop pass's decisions from a workload read in full, pure: workload + namespace + policy + instant → action.</summary>
internal static class StopPlanner
{
    /// <summary>Decides what to do with one workload that has running pods.</summary>
    /// <param name="workload">The workload, with <see cref="WorkloadSnapshot.Labels"/> when the selectors need them.</param>
    /// <param name="namespaceAnnotations">Its namespace's Tarnfui annotations, null when unknown.</param>
    /// <param name="policy">The policy.</param>
    /// <param name="now">The instant of the sweep.</param>
    /// <param name="namespaceLabels">Its namespace's labels the selectors name, null when unknown or not needed.</param>
    public static StopPlan Plan(WorkloadSnapshot workload, IReadOnlyDictionary<string, string>? namespaceAnnotations, PolicyResolver policy, Instant now, IReadOnlyDictionary<string, string>? namespaceLabels = null)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(policy);
        var decision = policy.Resolve(workload.Ref, workload.Metadata.Annotations, workload.OperatorOwned, namespaceAnnotations, new SelectorLabels(workload.Labels, namespaceLabels), now);
        switch (decision)
        {
            case PolicyDecision.Exempt { Reason: ExemptionReason.OperatorOwned }:
                return new StopPlan.OperatorOwned(workload);
            case PolicyDecision.Exempt exempt:
                return new StopPlan.Leave(workload, exempt.Detail);
            case PolicyDecision.Invalid invalid:
                return new StopPlan.Invalid(workload, invalid.Message);
            case PolicyDecision.WorkingHours:
                return new StopPlan.Leave(workload, "working hours");
            case PolicyDecision.OffHours offHours:
                return PlanOffHours(workload, offHours);
            default:
                throw new InvalidOperationException($"Unknown policy decision {decision}");
        }
    }

    private static StopPlan PlanOffHours(WorkloadSnapshot workload, PolicyDecision.OffHours offHours)
    {
        if (workload.Ref.Kind.Stop == StopMethod.Suspend)
        {
            return SuspendPlanner.PlanOffHours(workload, offHours);
        }

        var replicas = workload.Replicas ?? throw new ArgumentException($"{workload.Ref}: the stop pass needs spec.replicas", nameof(workload));
        var state = workload.Metadata.ReadStoppedState();
        return ReplicaRules.ForOffHours(replicas, offHours.DowntimeReplicas, state) switch
        {
            StopVerdict.ScaleDown down => new StopPlan.ScaleDown(workload, down.From, down.To, offHours),
            StopVerdict.AtOrBelowDowntime below => new StopPlan.Leave(workload, $"already at {below.Replicas} replicas, at or below the downtime count {below.DowntimeReplicas}"),
            StopVerdict.AlreadyStopped stopped => new StopPlan.Leave(workload, $"already stopped, {stopped.State.OriginalReplicas} replicas to restore"),
            StopVerdict.InvalidState invalid => new StopPlan.Invalid(workload, invalid.Message),
            var other => throw new InvalidOperationException($"Unknown stop verdict {other}"),
        };
    }
}
