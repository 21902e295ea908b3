using NodaTime;
using NodaTime.TimeZones;

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
    private const int AllDays = 0x7F;

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

    // Every local instant is on some day at a time of day in [00:00, 24:00), DST gaps and overlaps included.
    public override bool? Constant =>
        _shape == Empty ? false
        : _shape == SameDay && FromMinute == 0 && ToMinute == 24 * 60 && _startDays == AllDays ? true
        : null;

    public override bool Matches(Instant instant)
    {
        if (_shape == Empty)
        {
            return false;
        }

        // Unix ticks floor toward the start of time, so an instant a nanosecond before a boundary is before it.
        var local = instant.ToUnixTimeTicks() + Zone.GetUtcOffset(instant).Ticks;
        var days = DayOf(local);
        var timeOfDay = local - (days * TicksPerDay);
        var weekday = Weekday(days);
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

        // Within one zone interval the offset is fixed, so each local boundary is one instant. A boundary that no
        // interval shows (inside a spring-forward gap) takes effect where the clock jumps: at the interval's end,
        // named as well. One inside a fall-back overlap is shown by both intervals, and named twice.
        var interval = Zone.GetZoneInterval(after);
        while (true)
        {
            AddBoundaries(interval, after, until, candidates);
            if (!interval.HasEnd || interval.End > until)
            {
                return;
            }

            AddIfInside(interval.End, after, until, candidates);
            interval = Zone.GetZoneInterval(interval.End);
        }
    }

    // Matches only changes where the local clock reaches `from` on a listed day or `to` on the day the window ends
    // (a listed day, or the day after one for an overnight window): at midnight the day changes, but a window that
    // spans it either starts there (from 00:00) or ends there (to 24:00, or an overnight window to 00:00).
    private void AddBoundaries(ZoneInterval interval, Instant after, Instant until, List<Instant> candidates)
    {
        var offset = interval.WallOffset.Ticks;
        var firstLocal = (interval.HasStart && interval.Start > after ? interval.Start : after).ToUnixTimeTicks() + offset;
        var lastLocal = (interval.HasEnd && interval.End < until ? interval.End : until).ToUnixTimeTicks() + offset;
        var endDays = _shape == SameDay ? _startDays : _tailDays;

        // From the day before: a window ending at 24:00 ends at the midnight that starts the next day.
        for (var day = DayOf(firstLocal) - 1; day <= DayOf(lastLocal); day++)
        {
            var weekday = Weekday(day);
            if (((_startDays >> weekday) & 1) != 0)
            {
                AddShown(Instant.FromUnixTimeTicks((day * TicksPerDay) + _fromTicks - offset), interval, after, until, candidates);
            }

            if (((endDays >> weekday) & 1) != 0)
            {
                AddShown(Instant.FromUnixTimeTicks((day * TicksPerDay) + _toTicks - offset), interval, after, until, candidates);
            }
        }
    }

    // Only the interval whose clock shows a local time may name it: outside the interval, another offset applies.
    private static void AddShown(Instant candidate, ZoneInterval interval, Instant after, Instant until, List<Instant> candidates)
    {
        if ((!interval.HasStart || candidate >= interval.Start) && (!interval.HasEnd || candidate < interval.End))
        {
            AddIfInside(candidate, after, until, candidates);
        }
    }

    // Days since 1970-01-01 of a count of local ticks, rounded toward the start of time.
    private static long DayOf(long localTicks)
    {
        var day = Math.DivRem(localTicks, TicksPerDay, out var timeOfDay);
        return timeOfDay < 0 ? day - 1 : day;
    }

    // 1970-01-01 was a Thursday; bit 0 of the masks is Monday.
    private static int Weekday(long day) => (int)(((day % 7) + 10) % 7);
}
