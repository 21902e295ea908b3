using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Replicas;

/// <summary>
/// The replica-state rules the sweeper, the webhook and the CLI share: when a workload is stopped, and what a
/// restore does. Pure functions of what was read.
/// </summary>
public static class ReplicaRules
{
    /// <summary>What to do with a workload during its off-hours.</summary>
    /// <param name="replicas">Its <c>spec.replicas</c>.</param>
    /// <param name="downtimeReplicas">The count the policy keeps during off-hours.</param>
    /// <param name="state">Its state, as <see cref="StoppedState.Read"/> read it.</param>
    public static StopVerdict ForOffHours(int replicas, int downtimeReplicas, ParseResult<StoppedState?> state)
    {
        if (!state.IsValid)
        {
            return new StopVerdict.InvalidState(state.Error);
        }

        if (state.Value is { } stopped)
        {
            // Raised above the count the stop set while it was stopped (the webhook in warn mode, or a write that went
            // around it): stopped again with the raised count as the intent to restore, as zero mode would have kept
            // it. A record without the held count cannot tell a raise from a policy change, so it is left as it is.
            return stopped.HeldReplicas is { } held && replicas > held && replicas > downtimeReplicas
                ? new StopVerdict.ScaleDown(replicas, downtimeReplicas)
                : new StopVerdict.AlreadyStopped(stopped);
        }

        // A person scaled it down themselves: Tarnfui does not take ownership and will never scale it up.
        return replicas <= downtimeReplicas
            ? new StopVerdict.AtOrBelowDowntime(replicas, downtimeReplicas)
            : new StopVerdict.ScaleDown(replicas, downtimeReplicas);
    }

    /// <summary>What the restore of a stopped workload does once its policy says working hours or exempt.</summary>
    /// <param name="replicas">Its <c>spec.replicas</c> now.</param>
    /// <param name="heldAt">The count it was held at, <see cref="HeldAt"/>.</param>
    /// <param name="state">Its valid state.</param>
    public static RestoreVerdict ForRestore(int replicas, int heldAt, StoppedState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return replicas == heldAt
            ? new RestoreVerdict.Restore(state.OriginalReplicas)
            : new RestoreVerdict.Forget(replicas, heldAt);
    }

    /// <summary>
    /// The count a stopped workload was held at: the one its record says the stop set. Only a record written before
    /// Tarnfui kept that count falls back to today's <c>downtime-replicas</c> (workload, else namespace), and to the
    /// global 0 when that cannot be read, so that an unreadable annotation never keeps a workload down.
    /// </summary>
    /// <remarks>
    /// Never derived from the policy when the record has it: <c>downtime-replicas</c> changed at night would otherwise
    /// read as "a person changed the replicas", and the count to restore would be dropped.
    /// </remarks>
    public static int HeldAt(StoppedState state, IReadOnlyDictionary<string, string>? workloadAnnotations, IReadOnlyDictionary<string, string>? namespaceAnnotations)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.HeldReplicas ?? (DowntimeReplicas(workloadAnnotations, namespaceAnnotations).TryGetValue(out var downtime) ? downtime : 0);
    }

    /// <summary>
    /// The count off-hours hold a workload at, read from <c>downtime-replicas</c> on the workload, else on its
    /// namespace, else 0: the same lookup as <see cref="PolicyResolver"/>.
    /// </summary>
    public static ParseResult<int> DowntimeReplicas(IReadOnlyDictionary<string, string>? workloadAnnotations, IReadOnlyDictionary<string, string>? namespaceAnnotations)
    {
        string? text = null;
        if (workloadAnnotations?.TryGetValue(WellKnown.Annotations.DowntimeReplicas, out text) != true)
        {
            namespaceAnnotations?.TryGetValue(WellKnown.Annotations.DowntimeReplicas, out text);
        }

        return text is null ? ParseResult<int>.Ok(0) : AnnotationValues.ParseReplicas(WellKnown.Annotations.DowntimeReplicas, text);
    }
}
