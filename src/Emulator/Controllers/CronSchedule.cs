using System.Globalization;
using NodaTime;

namespace Tarnfui.Emulator.Controllers;

/// <summary>
/// A five-field cron schedule (minute hour day-of-month month day-of-week) as CronJobs write it: <c>*</c>, lists,
/// ranges, steps, month and weekday names, and the <c>@hourly</c> family. As in standard cron, when both day fields
/// are restricted a day matches if either does. The emulator's own reading: Tarnfui itself never evaluates schedules.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    // Far enough for the rarest schedule (29 February on a given weekday recurs within 28 years).
    private const int SearchYears = 30;

    private readonly ulong _minutes;
    private readonly ulong _hours;
    private readonly ulong _days;
    private readonly ulong _months;
    private readonly ulong _weekdays;
    private readonly bool _daysRestricted;
    private readonly bool _weekdaysRestricted;

    private CronSchedule(string text, ulong minutes, ulong hours, (ulong Bits, bool Restricted) days, ulong months, (ulong Bits, bool Restricted) weekdays)
    {
        Text = text;
        _minutes = minutes;
        _hours = hours;
        (_days, _daysRestricted) = days;
        _months = months;
        (_weekdays, _weekdaysRestricted) = weekdays;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Reads <paramref name="text"/>; throws <see cref="FormatException"/> naming the field that is wrong.</summary>
    public static CronSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var expanded = trimmed.StartsWith('@')
            ? Macros.GetValueOrDefault(trimmed) ?? throw new FormatException($"unknown schedule macro \"{trimmed}\" (known: {string.Join(", ", Macros.Keys)})")
            : trimmed;
        var fields = expanded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"schedule \"{text}\" has {fields.Length} fields; expected 5 (minute hour day-of-month month day-of-week)");
        }

        var weekdays = Field(fields[4], "day-of-week", 0, 7, DayNames, 0);
        // 7 is Sunday too.
        var weekdayBits = (weekdays.Bits & ~(1UL << 7)) | ((weekdays.Bits >> 7) & 1);
        return new CronSchedule(
            trimmed,
            Field(fields[0], "minute", 0, 59, null, 0).Bits,
            Field(fields[1], "hour", 0, 23, null, 0).Bits,
            Field(fields[2], "day-of-month", 1, 31, null, 0),
            Field(fields[3], "month", 1, 12, MonthNames, 1).Bits,
            (weekdayBits, weekdays.Restricted));
    }

    /// <summary>Whether the minute <paramref name="time"/> falls in is a schedule time.</summary>
    public bool Matches(LocalDateTime time) =>
        Has(_minutes, time.Minute) && Has(_hours, time.Hour) && DayMatches(time.Date);

    /// <summary>The first schedule time strictly after <paramref name="after"/>, or null if there is none within decades.</summary>
    public LocalDateTime? Next(LocalDateTime after)
    {
        var start = after.Date.AtMidnight().PlusHours(after.Hour).PlusMinutes(after.Minute + 1);
        var date = start.Date;
        var limit = start.Date.PlusYears(SearchYears);
        var fromMinuteOfDay = start.Hour * 60 + start.Minute;
        while (date <= limit)
        {
            if (Has(_months, date.Month) && DayMatches(date))
            {
                for (var minuteOfDay = fromMinuteOfDay; minuteOfDay < 24 * 60; minuteOfDay++)
                {
                    if (Has(_hours, minuteOfDay / 60) && Has(_minutes, minuteOfDay % 60))
                    {
                        return date.AtMidnight().PlusMinutes(minuteOfDay);
                    }
                }
            }

            date = date.PlusDays(1);
            fromMinuteOfDay = 0;
        }

        return null;
    }

    public override string ToString() => Text;

    private bool DayMatches(LocalDate date)
    {
        var dayOfMonth = Has(_days, date.Day);
        var dayOfWeek = Has(_weekdays, (int)date.DayOfWeek % 7);
        return Has(_months, date.Month) && (_daysRestricted && _weekdaysRestricted ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek);
    }

    private static bool Has(ulong bits, int value) => (bits >> value & 1) == 1;

    private static (ulong Bits, bool Restricted) Field(string field, string name, int min, int max, string[]? names, int firstName)
    {
        ulong bits = 0;
        foreach (var part in field.Split(','))
        {
            bits |= Part(part, field, name, min, max, names, firstName);
        }

        return (bits, !field.StartsWith('*') && !field.StartsWith('?'));
    }

    private static ulong Part(string part, string field, string name, int min, int max, string[]? names, int firstName)
    {
        var slash = part.Split('/');
        if (slash.Length > 2)
        {
            throw Wrong(field, name, "more than one '/'");
        }

        var step = slash.Length == 2 ? Number(slash[1], field, name, 1, max - min + 1, null, 0) : 1;
        int low, high;
        if (slash[0] is "*" or "?")
        {
            (low, high) = (min, max);
        }
        else
        {
            var dash = slash[0].Split('-');
            if (dash.Length > 2)
            {
                throw Wrong(field, name, "more than one '-'");
            }

            low = Number(dash[0], field, name, min, max, names, firstName);
            // "5/15" means from 5 to the end, stepping 15.
            high = dash.Length == 2 ? Number(dash[1], field, name, min, max, names, firstName) : slash.Length == 2 ? max : low;
            if (high < low)
            {
                throw Wrong(field, name, $"range {slash[0]} runs backwards");
            }
        }

        ulong bits = 0;
        for (var value = low; value <= high; value += step)
        {
            bits |= 1UL << value;
        }

        return bits;
    }

    private static int Number(string text, string field, string name, int min, int max, string[]? names, int firstName)
    {
        var index = names is null ? -1 : Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            return index + firstName;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Wrong(field, name, $"\"{text}\" is not a number{(names is null ? string.Empty : " or a name")}");
        }

        return value >= min && value <= max ? value : throw Wrong(field, name, $"{value} is outside {min}-{max}");
    }

    private static FormatException Wrong(string field, string name, string why) => new($"{name} field \"{field}\": {why}");
}
