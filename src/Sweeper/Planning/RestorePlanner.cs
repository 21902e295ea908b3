using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Sweeper.Planning;

/// <summary>The restore pass's decisions, pure: stopped workload + namespace + policy + instant → action.</summary>
public static class RestorePlanner
{
    public static RestorePlan Plan(WorkloadSnapshot workload, IReadOnlyDictionary<string, string>? namespaceAnnotations, PolicyResolver policy, Instant now)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(policy);
        var state = workload.Metadata.ReadStoppedState();
        if (!state.IsValid)
        {
            return new RestorePlan.Invalid(workload, state.Error);
        }

        if (state.Value is not { } stopped)
        {
            // The label selector matched but the state is gone (someone removed it): nothing to restore.
            return new RestorePlan.Hold(workload);
        }

        string why;
        switch (policy.Resolve(workload.Ref, workload.Metadata.Annotations, workload.OperatorOwned, namespaceAnnotations, now))
        {
            case PolicyDecision.Exempt { Reason: ExemptionReason.NeverTouchedNamespace }:
                return new RestorePlan.Hold(workload);
            case PolicyDecision.Exempt exempt:
                why = exempt.Detail;
                break;
            case PolicyDecision.WorkingHours:
                why = "working hours";
                break;
            case PolicyDecision.OffHours:
                return new RestorePlan.Hold(workload);
            case PolicyDecision.Invalid invalid:
                return new RestorePlan.Invalid(workload, invalid.Message);
            case var other:
                throw new InvalidOperationException($"Unknown policy decision {other}");
        }

        var heldAt = ReplicaRules.DowntimeReplicas(workload.Metadata.Annotations, namespaceAnnotations);
        if (!heldAt.IsValid)
        {
            return new RestorePlan.Invalid(workload, heldAt.Error);
        }

        if (workload.Replicas is not { } replicas)
        {
            return new RestorePlan.Restore(workload, stopped.OriginalReplicas, heldAt.Value, why);
        }

        return ReplicaRules.ForRestore(replicas, heldAt.Value, stopped) switch
        {
            RestoreVerdict.Restore restore => new RestorePlan.Restore(workload, restore.Replicas, heldAt.Value, why),
            RestoreVerdict.Forget forget => new RestorePlan.Forget(workload, forget.Replicas, forget.DowntimeReplicas),
            var other => throw new InvalidOperationException($"Unknown restore verdict {other}"),
        };
    }
}
