using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Sweeper.Planning;

/// <summary>The restore pass's decisions, pure: stopped workload + namespace + policy + instant → action.</summary>
internal static class RestorePlanner
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

        string? unreadable = null;
        var decision = policy.Resolve(workload.Ref, workload.Metadata.Annotations, workload.OperatorOwned, namespaceAnnotations, now);
        if (decision is PolicyDecision.Invalid invalid)
        {
            // An annotation that cannot be read never keeps a workload down: the workload Tarnfui stopped comes back
            // when the global schedule says working hours, and a Warning says which annotation was set aside.
            unreadable = invalid.Message;
            decision = policy.Resolve(workload.Ref, null, workload.OperatorOwned, null, now);
        }

        string why;
        switch (decision)
        {
            case PolicyDecision.Exempt { Reason: ExemptionReason.NeverTouchedNamespace }:
                return new RestorePlan.Hold(workload);
            case PolicyDecision.Exempt exempt:
                why = exempt.Detail;
                break;
            case PolicyDecision.WorkingHours:
                why = unreadable is null ? "working hours" : "working hours of the global schedule";
                break;
            case PolicyDecision.OffHours:
                return new RestorePlan.Hold(workload)
                {
                    Warning = unreadable is null ? null : $"Kept stopped until the global schedule's working hours, as its own policy cannot be read: {unreadable}",
                };
            case var other:
                throw new InvalidOperationException($"Unknown policy decision {other}");
        }

        var warning = unreadable is null ? null : $"Restored on the global schedule, as its own policy cannot be read: {unreadable}";
        var heldAt = ReplicaRules.HeldAt(stopped, workload.Metadata.Annotations, namespaceAnnotations);
        if (workload.Replicas is not { } replicas)
        {
            return new RestorePlan.Restore(workload, stopped.OriginalReplicas, heldAt, why) { Warning = warning };
        }

        return ReplicaRules.ForRestore(replicas, heldAt, stopped) switch
        {
            RestoreVerdict.Restore restore => new RestorePlan.Restore(workload, restore.Replicas, heldAt, why) { Warning = warning },
            RestoreVerdict.Forget forget => new RestorePlan.Forget(workload, forget.Replicas, forget.DowntimeReplicas) { Warning = warning },
            var other => throw new InvalidOperationException($"Unknown restore verdict {other}"),
        };
    }
}
