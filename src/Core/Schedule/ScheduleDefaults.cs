using NodaTime;

namespace Tarnfui.Core.Schedule;

/// <summary>
/// What a recurring part takes when it names no day range or no zone (<c>Schedule:DefaultWeekframe</c>,
/// <c>Schedule:TimeZone</c>). A part that needs a default that is absent is invalid.
/// </summary>
public sealed class ScheduleDefaults
{
    public static readonly ScheduleDefaults None = new(null, null, null);

    private ScheduleDefaults(DateTimeZone? timeZone, string? weekframe, DayRange? days)
    {
        TimeZone = timeZone;
        Weekframe = weekframe;
        Days = days;
    }

    public DateTimeZone? TimeZone { get; }

    /// <summary>The default day range as written (e.g. <c>Mon-Fri</c>); null when none is configured.</summary>
    public string? Weekframe { get; }

    /// <summary>The parsed <see cref="Weekframe"/>.</summary>
    internal DayRange? Days { get; }

    /// <summary>
    /// Validates a tzdb zone id and a day range such as <c>Mon-Fri</c>; either may be null (or blank: no default).
    /// The error names the value and the rule, without the configuration key, which the caller knows.
    /// </summary>
    public static ParseResult<ScheduleDefaults> Create(string? timeZoneId, string? weekframe)
    {
        DateTimeZone? zone = null;
        if (!string.IsNullOrWhiteSpace(timeZoneId))
        {
            zone = TimeZones.Find(timeZoneId.Trim());
            if (zone is null)
            {
                return ParseResult<ScheduleDefaults>.Fail(
                    $"default time zone \"{timeZoneId}\" is not a tzdb zone id; example: \"{ScheduleErrors.ZoneExample}\"");
            }
        }

        DayRange? days = null;
        string? frame = null;
        if (!string.IsNullOrWhiteSpace(weekframe))
        {
            frame = weekframe.Trim();
            var parsed = DayRange.Parse(frame);
            if (!parsed.IsValid)
            {
                return ParseResult<ScheduleDefaults>.Fail($"default weekframe \"{weekframe}\": {parsed.Error}; example: \"Mon-Fri\"");
            }

            days = parsed.Value;
        }

        return ParseResult<ScheduleDefaults>.Ok(zone is null && days is null ? None : new ScheduleDefaults(zone, frame, days));
    }
}
