using NodaTime;

namespace Tarnfui.Core.Policy;

/// <summary>What the policy says about one workload at one instant. A closed family of outcomes.</summary>
public abstract record PolicyDecision
{
    private PolicyDecision()
    {
    }

    /// <summary>Never stopped now; a workload Tarnfui stopped is restored.</summary>
    /// <param name="Reason">Which rule exempts it.</param>
    /// <param name="Scope">Where the rule was found.</param>
    /// <param name="Detail">A sentence for messages and <c>kubectl tarnfui explain</c>.</param>
    /// <param name="Until">When the exemption ends (exclude-until), or null when it does not.</param>
    public sealed record Exempt(ExemptionReason Reason, PolicyScope Scope, Instant? Until, string Detail) : PolicyDecision;

    /// <summary>Working hours: runs at its own replica count; a workload Tarnfui stopped is restored.</summary>
    /// <param name="Schedule">The schedule that applies.</param>
    /// <param name="NextOffHours">The next instant off-hours start, within the search horizon, or null.</param>
    public sealed record WorkingHours(EffectiveSchedule Schedule, Instant? NextOffHours) : PolicyDecision;

    /// <summary>Off-hours: held at <paramref name="DowntimeReplicas"/>.</summary>
    /// <param name="Schedule">The schedule that applies.</param>
    /// <param name="DowntimeReplicas">Replicas kept during off-hours.</param>
    /// <param name="Holiday">Whether off-hours come from <c>Schedule:Holidays</c>.</param>
    /// <param name="NextWorkingHours">The next instant working hours start, within the search horizon, or null.</param>
    public sealed record OffHours(EffectiveSchedule Schedule, int DowntimeReplicas, Instant? NextWorkingHours, bool Holiday) : PolicyDecision;

    /// <summary>An annotation could not be read: the workload is left alone (never stopped, never restored).</summary>
    public sealed record Invalid(string AnnotationKey, PolicyScope Scope, string Message) : PolicyDecision;
}
