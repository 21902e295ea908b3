using NodaTime;

namespace Tarnfui.Core.Schedule;

/// <summary>
/// <c>[Ddd[-Ddd] ]HH:MM-HH:MM[ Zone]</c>, evaluated on the zone's local clock. <c>from &lt; to</c>: a listed day
/// and <c>from ≤ t &lt; to</c>. <c>from &gt; to</c>: an overnight window that starts at <c>from</c> on each listed
/// day and ends at <c>to</c> the next day. <c>from == to</c> never matches.
/// </summary>
/// <remarks>
/// The instant is taken to local time with the zone's offset at that instant, so DST falls out of the clock:
/// a boundary inside a spring-forward gap takes effect at the end of the gap, and one inside a fall-back
/// overlap is crossed each time the local clock reaches it (twice).
/// </remarks>
internal sealed class RecurringPart : SchedulePart
{
    private const long TicksPerDay = NodaConstants.TicksPerDay;
    private const long TicksPerMinute = NodaConstants.TicksPerMinute;

    // Day and time of day are precomputed as a bitmask and ticks so that Matches is arithmetic only.
    private readonly int _startDays;
    private readonly int _tailDays;
    private readonly long _fromTicks;
    private readonly long _toTicks;
    private readonly byte _shape;

    private const byte Empty = 0;
    private const byte SameDay = 1;
    private const byte Overnight = 2;

    public RecurringPart(DayRange days, int fromMinute, int toMinute, DateTimeZone zone)
    {
        Days = days;
        FromMinute = fromMinute;
        ToMinute = toMinute;
        Zone = zone;
        _startDays = days.Mask;
        _tailDays = days.NextDaysMask;
        _fromTicks = fromMinute * TicksPerMinute;
        _toTicks = toMinute * TicksPerMinute;
        _shape = fromMinute == toMinute ? Empty : fromMinute < toMinute ? SameDay : Overnight;
    }

    public DayRange Days { get; }

    /// <summary>Minutes after local midnight, 0..1439.</summary>
    public int FromMinute { get; }

    /// <summary>Minutes after local midnight, 0..1440 (24:00).</summary>
    public int ToMinute { get; }

    public DateTimeZone Zone { get; }

    public override bool Matches(Instant instant)
    {
        if (_shape == Empty)
        {
            return false;
        }

        // Unix ticks floor toward the start of time, so an instant a nanosecond before a boundary is before it.
        var local = instant.ToUnixTimeTicks() + Zone.GetUtcOffset(instant).Ticks;
        var days = Math.DivRem(local, TicksPerDay, out var timeOfDay);
        if (timeOfDay < 0)
        {
            timeOfDay += TicksPerDay;
            days--;
        }

        // 1970-01-01 was a Thursday; bit 0 of the masks is Monday.
        var weekday = (int)(((days % 7) + 10) % 7);
        return _shape == SameDay
            ? timeOfDay >= _fromTicks && timeOfDay < _toTicks && ((_startDays >> weekday) & 1) != 0
            : (timeOfDay >= _fromTicks && ((_startDays >> weekday) & 1) != 0)
                || (timeOfDay < _toTicks && ((_tailDays >> weekday) & 1) != 0);
    }

    public override void AddCandidates(Instant after, Instant until, List<Instant> candidates)
    {
        if (_shape == Empty)
        {
            return;
        }

        // Every local boundary (from, to, midnight where the day changes) of every day around the interval,
        // mapped to all the instants that show it; plus the zone's own transitions, where local time jumps.
        var first = after.InZone(Zone).Date.PlusDays(-1);
        var last = until.InZone(Zone).Date.PlusDays(1);
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            AddLocal(date.AtMidnight(), after, until, candidates);
            AddLocal(date.AtMidnight().PlusMinutes(FromMinute), after, until, candidates);
            AddLocal(date.AtMidnight().PlusMinutes(ToMinute), after, until, candidates);
        }

        var interval = Zone.GetZoneInterval(after);
        while (interval.HasEnd && interval.End <= until)
        {
            AddIfInside(interval.End, after, until, candidates);
            interval = Zone.GetZoneInterval(interval.End);
        }
    }

    private void AddLocal(LocalDateTime local, Instant after, Instant until, List<Instant> candidates)
    {
        var mapping = Zone.MapLocal(local);
        switch (mapping.Count)
        {
            case 0:
                // Skipped by a spring-forward gap: the clock reaches it at the end of the gap.
                AddIfInside(mapping.LateInterval.Start, after, until, candidates);
                break;
            case 1:
                AddIfInside(mapping.Single().ToInstant(), after, until, candidates);
                break;
            default:
                AddIfInside(mapping.First().ToInstant(), after, until, candidates);
                AddIfInside(mapping.Last().ToInstant(), after, until, candidates);
                break;
        }
    }
}
