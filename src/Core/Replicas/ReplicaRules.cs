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

        // Stopped once already: a count that moved since was set by someone on purpose (the webhook in zero mode
        // keeps the count down and records the new intent instead); stopping again would overwrite the count to
        // restore with theirs and lose the original.
        if (state.Value is { } stopped)
        {
            return new StopVerdict.AlreadyStopped(stopped);
        }

        // A person scaled it down themselves: Tarnfui does not take ownership and will never scale it up.
        return replicas <= downtimeReplicas
            ? new StopVerdict.AtOrBelowDowntime(replicas, downtimeReplicas)
            : new StopVerdict.ScaleDown(replicas, downtimeReplicas);
    }

    /// <summary>What the restore of a stopped workload does once its policy says working hours or exempt.</summary>
    /// <param name="replicas">Its <c>spec.replicas</c> now.</param>
    /// <param name="downtimeReplicas">The count it was held at, <see cref="DowntimeReplicas"/>.</param>
    /// <param name="state">Its valid state.</param>
    public static RestoreVerdict ForRestore(int replicas, int downtimeReplicas, StoppedState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return replicas == downtimeReplicas
            ? new RestoreVerdict.Restore(state.OriginalReplicas)
            : new RestoreVerdict.Forget(replicas, downtimeReplicas);
    }

    /// <summary>
    /// The count off-hours hold a workload at, read from <c>downtime-replicas</c> on the workload, else on its
    /// namespace, else 0: the same lookup as <see cref="PolicyResolver"/>, needed when the policy no longer says
    /// off-hours (at restore time) but the count the workload was held at still matters.
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
