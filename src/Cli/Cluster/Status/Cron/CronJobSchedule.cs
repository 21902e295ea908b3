using NodaTime;
using Tarnfui.Core;

namespace Tarnfui.Cli.Cluster.Status.Cron;

/// <summary>
/// A CronJob's <c>spec.schedule</c> in its zone, read as the CronJob controller reads it (robfig/cron v3's standard
/// parser): five fields or a macro, after an optional <c>CRON_TZ=</c>/<c>TZ=</c> prefix, in <c>spec.timeZone</c> when
/// set, else UTC (the controller manager's zone in a cluster). Fire times are wall-clock times in that zone: one that
/// falls in a daylight-saving gap is skipped, and one in a repeated hour fires twice, as the controller's parser does.
/// </summary>
internal sealed class CronJobSchedule
{
    // robfig/cron gives up searching this many years ahead: "0 0 30 2 *" parses yet never fires.
    private const int YearsSearched = 5;

    private static readonly Dictionary<string, string> Macros = new(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private readonly CronField _minutes;
    private readonly CronField _hours;
    private readonly CronField _days;
    private readonly CronField _months;
    private readonly CronField _weekdays;

    private CronJobSchedule(DateTimeZone zone, CronField[] fields)
    {
        Zone = zone;
        (_minutes, _hours, _days, _months, _weekdays) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
    }

    public DateTimeZone Zone { get; }

    /// <summary>Reads <paramref name="schedule"/> in <paramref name="timeZone"/> (an IANA name; null means UTC).</summary>
    public static ParseResult<CronJobSchedule> Parse(string? schedule, string? timeZone)
    {
        var spec = schedule?.Trim() ?? string.Empty;
        if (spec.Length == 0)
        {
            return ParseResult<CronJobSchedule>.Fail("the schedule is empty");
        }

        var zoneName = timeZone;
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            if (timeZone is not null)
            {
                return ParseResult<CronJobSchedule>.Fail("spec.timeZone and a TZ or CRON_TZ prefix in the schedule cannot be used together");
            }

            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                return ParseResult<CronJobSchedule>.Fail($"\"{spec}\" names a time zone but no schedule");
            }

            zoneName = spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..space];
            spec = spec[space..].Trim();
        }

        var zone = zoneName is null ? DateTimeZone.Utc : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneName);
        if (zone is null)
        {
            return ParseResult<CronJobSchedule>.Fail($"unknown time zone \"{zoneName}\": use an IANA name such as Europe/Berlin");
        }

        if (spec.StartsWith('@'))
        {
            if (!Macros.TryGetValue(spec, out var expanded))
            {
                return ParseResult<CronJobSchedule>.Fail($"unsupported macro \"{spec}\": use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly");
            }

            spec = expanded;
        }

        var texts = spec.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (texts.Length != 5)
        {
            return ParseResult<CronJobSchedule>.Fail($"expected 5 fields (minute hour day-of-month month day-of-week), found {texts.Length}");
        }

        CronRange[] ranges = [CronField.Minute, CronField.Hour, CronField.DayOfMonth, CronField.Month, CronField.DayOfWeek];
        var fields = new CronField[5];
        for (var i = 0; i < 5; i++)
        {
            var field = CronField.Parse(texts[i], ranges[i]);
            if (!field.IsValid)
            {
                return ParseResult<CronJobSchedule>.Fail(field.Error);
            }

            fields[i] = field.Value;
        }

        return ParseResult<CronJobSchedule>.Ok(new CronJobSchedule(zone, fields));
    }

    /// <summary>The first fire time strictly after <paramref name="after"/>; null when none comes within the years the controller's parser searches.</summary>
    public Instant? NextAfter(Instant after)
    {
        var start = after.InZone(Zone).Date;
        for (var date = start; date <= start.PlusYears(YearsSearched); date = date.PlusDays(1))
        {
            if (!_months.Contains(date.Month) || !DayMatches(date))
            {
                continue;
            }

            // Per day, the earliest: a repeated hour gives a wall-clock time two instants, not in minute order.
            Instant? earliest = null;
            for (var hour = 0; hour < 24; hour++)
            {
                for (var minute = 0; minute < 60 && _hours.Contains(hour); minute++)
                {
                    if (!_minutes.Contains(minute))
                    {
                        continue;
                    }

                    var mapping = Zone.MapLocal(date.At(new LocalTime(hour, minute)));
                    if (mapping.Count == 0)
                    {
                        continue;
                    }

                    foreach (var at in new[] { mapping.First().ToInstant(), mapping.Last().ToInstant() })
                    {
                        if (at > after && (earliest is null || at < earliest))
                        {
                            earliest = at;
                        }
                    }
                }
            }

            if (earliest is not null)
            {
                return earliest;
            }
        }

        return null;
    }

    /// <summary>The first fire time at or after <paramref name="at"/>.</summary>
    public Instant? NextAtOrAfter(Instant at) => NextAfter(at - Duration.Epsilon);

    // With either day field left open both must match; with both restricted either may (robfig/cron's dayMatches).
    private bool DayMatches(LocalDate date)
    {
        var dayOfMonth = _days.Contains(date.Day);
        var dayOfWeek = _weekdays.Contains((int)date.DayOfWeek % 7);
        return _days.IsStar || _weekdays.IsStar ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
    }
}
