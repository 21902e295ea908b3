using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Dashboard.Pages;

/// <summary>What a stretch of the week is under a policy: the timeline's colours.</summary>
internal enum TimelineKind
{
    WorkingHours,
    OffHours,
    Holiday,
    ForcedSleep,
    Excluded,
    Invalid,
}

/// <summary>One stretch of the week with one decision: [<paramref name="Start"/>, <paramref name="End"/>).</summary>
internal sealed record TimelineInterval(Instant Start, Instant End, TimelineKind Kind);

/// <summary>
/// The week around an instant, Monday 00:00 to the next Monday 00:00 in the schedule's zone (167 or 169 hours across a
/// DST change), cut into intervals of one decision each by walking the policy's own transitions
/// (<see cref="Cluster.Policy.DecisionText.Until"/>): the timeline draws exactly what the sweeper would decide.
/// </summary>
internal sealed record WeekTimeline(DateTimeZone Zone, Instant WeekStart, Instant WeekEnd, IReadOnlyList<TimelineInterval> Intervals)
{
    // A week of a schedule with a transition every minute would be absurd; this only ends a walk that cannot end.
    private const int MostIntervals = 2000;

    public static WeekTimeline Of(Func<Instant, PolicyDecision> resolve, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        ArgumentNullException.ThrowIfNull(zone);
        var today = now.InZone(zone).Date;
        var monday = today.DayOfWeek == IsoDayOfWeek.Monday ? today : today.Previous(IsoDayOfWeek.Monday);
        var start = zone.AtStartOfDay(monday).ToInstant();
        var end = zone.AtStartOfDay(monday.PlusWeeks(1)).ToInstant();
        var intervals = new List<TimelineInterval>();
        var at = start;
        while (at < end && intervals.Count < MostIntervals)
        {
            var decision = resolve(at);
            var next = Cluster.Policy.DecisionText.Until(decision) is { } until && until > at && until < end ? until : end;
            var kind = KindOf(decision);
            if (intervals.Count > 0 && intervals[^1].Kind == kind && intervals[^1].End == at)
            {
                intervals[^1] = intervals[^1] with { End = next };
            }
            else
            {
                intervals.Add(new TimelineInterval(at, next, kind));
            }

            at = next;
        }

        return new WeekTimeline(zone, start, end, intervals);
    }

    /// <summary>The zone a policy's schedule is read in: its uptime's, else its downtime's, else the global one.</summary>
    public static DateTimeZone ZoneOf(EffectiveSchedule? schedule, DateTimeZone global) =>
        schedule?.Uptime.Zones is [var uptime, ..] ? uptime
        : schedule?.Downtime.Zones is [var downtime, ..] ? downtime
        : global;

    private static TimelineKind KindOf(PolicyDecision decision) => decision switch
    {
        PolicyDecision.WorkingHours => TimelineKind.WorkingHours,
        PolicyDecision.OffHours { Forced: not null } => TimelineKind.ForcedSleep,
        PolicyDecision.OffHours { Holiday: true } => TimelineKind.Holiday,
        PolicyDecision.OffHours => TimelineKind.OffHours,
        PolicyDecision.Exempt => TimelineKind.Excluded,
        _ => TimelineKind.Invalid,
    };
}
