using NodaTime;

namespace Tarnfui.Core.Policy;

/// <summary>What the policy says about one workload at one instant. A closed family of outcomes.</summary>
public abstract record PolicyDecision
{
    private PolicyDecision()
    {
    }

    /// <summary>
    /// Where <c>tarnfui.io/restore: manual</c> was found, or null: a workload stopped under it is never restored by the
    /// sweeper (only by a person, <c>kubectl tarnfui restore</c>). Never set on <see cref="Invalid"/>: a policy that
    /// cannot be read never keeps a workload down.
    /// </summary>
    public PolicyScope? ManualRestore { get; init; }

    /// <summary>Never stopped now; a workload Tarnfui stopped is restored.</summary>
    /// <param name="Reason">Which rule exempts it.</param>
    /// <param name="Scope">Where the rule was found.</param>
    /// <param name="Detail">A sentence for messages and <c>kubectl tarnfui explain</c>.</param>
    /// <param name="Until">When the exemption ends (exclude-until), or null when it does not.</param>
    /// <remarks>With <see cref="PolicyDecision.ManualRestore"/> a stopped workload stays stopped even so: only a person brings it back.</remarks>
    public sealed record Exempt(ExemptionReason Reason, PolicyScope Scope, Instant? Until, string Detail) : PolicyDecision;

    /// <summary>Working hours: runs at its own replica count; a workload Tarnfui stopped is restored.</summary>
    /// <remarks>
    /// The next transition is searched on first read only: most callers (a sweep over every running workload, an
    /// admission that is allowed) never read it, and the search walks the schedule's transitions up to a year ahead.
    /// </remarks>
    public sealed record WorkingHours : PolicyDecision
    {
        private readonly Lazy<Instant?> _nextOffHours;

        /// <param name="schedule">The schedule that applies.</param>
        /// <param name="nextOffHours">The next instant off-hours start, within the search horizon, or null.</param>
        public WorkingHours(EffectiveSchedule schedule, Instant? nextOffHours)
            : this(schedule, () => nextOffHours)
        {
        }

        /// <param name="schedule">The schedule that applies.</param>
        /// <param name="nextOffHours">Searches the next instant off-hours start; called at most once, on first read.</param>
        public WorkingHours(EffectiveSchedule schedule, Func<Instant?> nextOffHours)
        {
            Schedule = schedule;
            _nextOffHours = new Lazy<Instant?>(nextOffHours, LazyThreadSafetyMode.PublicationOnly);
        }

        public EffectiveSchedule Schedule { get; }

        /// <summary>The next instant off-hours start, within the search horizon, or null.</summary>
        public Instant? NextOffHours => _nextOffHours.Value;

        public bool Equals(WorkingHours? other) =>
            other is not null && Schedule.Equals(other.Schedule) && NextOffHours == other.NextOffHours && ManualRestore == other.ManualRestore;

        public override int GetHashCode() => HashCode.Combine(Schedule, NextOffHours, ManualRestore);
    }

    /// <summary>Off-hours: held at <see cref="DowntimeReplicas"/>.</summary>
    /// <remarks>
    /// The next transition is searched on first read only: a sweep that stops a workload, or an admission that is
    /// allowed, never reads it.
    /// </remarks>
    public sealed record OffHours : PolicyDecision
    {
        // The search, when the next start is not known yet; the start itself when it is (no search to defer).
        private readonly Lazy<Instant?>? _search;
        private readonly Instant? _nextWorkingHours;

        /// <param name="schedule">The schedule that applies.</param>
        /// <param name="downtimeReplicas">Replicas kept during off-hours.</param>
        /// <param name="nextWorkingHours">The next instant working hours start, within the search horizon, or null.</param>
        /// <param name="holiday">Whether off-hours come from <c>Schedule:Holidays</c>.</param>
        /// <param name="forced">The <c>sleep-until</c> that holds it whatever the schedule says, or null.</param>
        public OffHours(EffectiveSchedule schedule, int downtimeReplicas, Instant? nextWorkingHours, bool holiday, ForcedSleep? forced = null)
        {
            Schedule = schedule;
            DowntimeReplicas = downtimeReplicas;
            Holiday = holiday;
            Forced = forced;
            _nextWorkingHours = nextWorkingHours;
        }

        /// <param name="schedule">The schedule that applies.</param>
        /// <param name="downtimeReplicas">Replicas kept during off-hours.</param>
        /// <param name="nextWorkingHours">Searches the next instant working hours start; called at most once, on first read.</param>
        /// <param name="holiday">Whether off-hours come from <c>Schedule:Holidays</c>.</param>
        /// <param name="forced">The <c>sleep-until</c> that holds it whatever the schedule says, or null.</param>
        public OffHours(EffectiveSchedule schedule, int downtimeReplicas, Func<Instant?> nextWorkingHours, bool holiday, ForcedSleep? forced = null)
            : this(schedule, downtimeReplicas, (Instant?)null, holiday, forced) =>
            _search = new Lazy<Instant?>(nextWorkingHours, LazyThreadSafetyMode.PublicationOnly);

        public EffectiveSchedule Schedule { get; }

        /// <summary>Replicas kept during off-hours.</summary>
        public int DowntimeReplicas { get; }

        /// <summary>Whether off-hours come from <c>Schedule:Holidays</c>.</summary>
        public bool Holiday { get; }

        /// <summary>A forced sleep (<c>sleep-until</c>): held whatever the schedule says until <see cref="ForcedSleep.Until"/>; null when the schedule holds it.</summary>
        public ForcedSleep? Forced { get; }

        /// <summary>The next instant working hours start (after a forced sleep's end), within the search horizon, or null.</summary>
        public Instant? NextWorkingHours => _search is null ? _nextWorkingHours : _search.Value;

        public bool Equals(OffHours? other) =>
            other is not null && Schedule.Equals(other.Schedule) && DowntimeReplicas == other.DowntimeReplicas
            && Holiday == other.Holiday && Forced == other.Forced && NextWorkingHours == other.NextWorkingHours && ManualRestore == other.ManualRestore;

        public override int GetHashCode() => HashCode.Combine(Schedule, DowntimeReplicas, Holiday, Forced, NextWorkingHours, ManualRestore);
    }

    /// <summary>
    /// An annotation could not be read: the workload is never stopped on it, and one Tarnfui stopped already is restored
    /// when the global schedule says working hours (an invalid annotation never keeps a workload down).
    /// </summary>
    public sealed record Invalid(string AnnotationKey, PolicyScope Scope, string Message) : PolicyDecision;
}
