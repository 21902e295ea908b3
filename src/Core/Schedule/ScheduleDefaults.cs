using NodaTime;

namespace Tarnfui.Core.Schedule;

/// <summary>
/// What a recurring part takes when it names no day range or no zone (<c>Schedule:DefaultWeekframe</c>,
/// <c>Schedule:TimeZone</c>). A part that needs a default that is absent is invalid.
/// </summary>
public sealed class ScheduleDefaults
{
    // CONTRACT (issue #3): the schedule work may add parsed members; Create and None are what others call.

    public static readonly ScheduleDefaults None = new(null, null);

    private ScheduleDefaults(DateTimeZone? timeZone, string? weekframe)
    {
        TimeZone = timeZone;
        Weekframe = weekframe;
    }

    public DateTimeZone? TimeZone { get; }

    public string? Weekframe { get; }

    /// <summary>Validates a tzdb zone id and a day range such as <c>Mon-Fri</c>; either may be null.</summary>
    public static ParseResult<ScheduleDefaults> Create(string? timeZoneId, string? weekframe) => throw new NotImplementedException();
}
