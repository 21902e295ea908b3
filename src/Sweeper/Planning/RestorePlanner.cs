using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Core.Scope;

namespace Tarnfui.Sweeper.Planning;

/// <summary>The restore pass's decisions, pure: stopped workload + namespace + policy + instant → action.</summary>
internal static class RestorePlanner
{
    /// <summary>Decides about one stopped workload; <paramref name="namespaceLabels"/> as for <see cref="StopPlanner.Plan"/>.</summary>
    public static RestorePlan Plan(WorkloadSnapshot workload, IReadOnlyDictionary<string, string>? namespaceAnnotations, PolicyResolver policy, Instant now, IReadOnlyDictionary<string, string>? namespaceLabels = null)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(policy);
        if (workload.Ref.Kind.Stop == StopMethod.Suspend)
        {
            return PlanSuspended(workload, namespaceAnnotations, policy, now, namespaceLabels);
        }

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

        if (Release(workload, namespaceAnnotations, policy, now, namespaceLabels, out var why, out var warning, out var manual) is { } hold)
        {
            return hold;
        }

        var heldAt = ReplicaRules.HeldAt(stopped, workload.Metadata.Annotations, namespaceAnnotations);
        if (workload.Replicas is not { } replicas)
        {
            return KeptForAPerson(new RestorePlan.Restore(workload, stopped.OriginalReplicas, heldAt, why) { Warning = warning }, manual);
        }

        return KeptForAPerson(
            ReplicaRules.ForRestore(replicas, heldAt, stopped) switch
            {
                RestoreVerdict.Restore restore => new RestorePlan.Restore(workload, restore.Replicas, heldAt, why) { Warning = warning },
                RestoreVerdict.Forget forget => new RestorePlan.Forget(workload, forget.Replicas, forget.DowntimeReplicas) { Warning = warning },
                var other => throw new InvalidOperationException($"Unknown restore verdict {other}"),
            },
            manual);
    }

    // restore: manual: a workload is never brought back by the sweeper, whatever else the policy says. A record whose
    // count (or suspend) a person is known to have changed is still cleaned up, since that person brought it back
    // already; read from the metadata-only stopped view the count is unknown, so the record stays (a raise is stopped
    // again in the evening, and kubectl tarnfui restore keeps a person's count).
    private static RestorePlan KeptForAPerson(RestorePlan plan, bool manual) =>
        manual && plan is RestorePlan.Restore or RestorePlan.PutBackSuspend ? new RestorePlan.Hold(plan.Workload) : plan;

    // A kind stopped through spec.suspend: the same order (the record first, then the policy), its own record and rules.
    private static RestorePlan PlanSuspended(WorkloadSnapshot workload, IReadOnlyDictionary<string, string>? namespaceAnnotations, PolicyResolver policy, Instant now, IReadOnlyDictionary<string, string>? namespaceLabels)
    {
        var state = SuspendState.Read(workload.Metadata.Annotations, workload.Metadata.Labels);
        if (!state.IsValid)
        {
            return new RestorePlan.Invalid(workload, state.Error);
        }

        if (state.Value is not { } stopped)
        {
            return new RestorePlan.Hold(workload);
        }

        return Release(workload, namespaceAnnotations, policy, now, namespaceLabels, out var why, out var warning, out var manual)
            ?? KeptForAPerson(SuspendPlanner.PlanRestore(workload, stopped, why, warning), manual);
    }

    // Whether the policy lets a stopped workload come back now: null and why (plus the Warning when its own policy was
    // set aside), or the Hold that keeps it down; and whether only a person may restore it (restore: manual).
    private static RestorePlan.Hold? Release(
        WorkloadSnapshot workload, IReadOnlyDictionary<string, string>? namespaceAnnotations, PolicyResolver policy, Instant now,
        IReadOnlyDictionary<string, string>? namespaceLabels, out string why, out string? warning, out bool manual)
    {
        why = "";
        warning = null;
        string? unreadable = null;
        var labels = new SelectorLabels(workload.Labels, namespaceLabels);
        var decision = policy.Resolve(workload.Ref, workload.Metadata.Annotations, workload.OperatorOwned, namespaceAnnotations, labels, now);
        if (decision is PolicyDecision.Invalid invalid)
        {
            // An annotation that cannot be read never keeps a workload down: the workload Tarnfui stopped comes back
            // when the global schedule says working hours, and a Warning says which annotation was set aside.
            unreadable = invalid.Message;
            decision = policy.Resolve(workload.Ref, null, workload.OperatorOwned, null, labels, now);
        }

        manual = decision.ManualRestore is not null;

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

        warning = unreadable is null ? null : $"Restored on the global schedule, as its own policy cannot be read: {unreadable}";
        return null;
    }
}
