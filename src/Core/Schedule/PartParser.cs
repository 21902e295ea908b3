using System.Globalization;

namespace Tarnfui.Core.Schedule;

/// <summary>Reads one trimmed, non-empty part of a spec into a <see cref="SchedulePart"/>.</summary>
internal static class PartParser
{
    private static readonly char[] Blanks = [' ', '\t', '\r', '\n'];

    public static ParseResult<SchedulePart> Parse(string part, ScheduleDefaults defaults)
    {
        if (string.Equals(part, "always", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult<SchedulePart>.Ok(ConstantPart.Always);
        }

        if (string.Equals(part, "never", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult<SchedulePart>.Ok(ConstantPart.Never);
        }

        var tokens = part.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        if (string.Equals(tokens[0], "from", StringComparison.OrdinalIgnoreCase)
            || string.Equals(tokens[0], "until", StringComparison.OrdinalIgnoreCase))
        {
            return OneSided(part, tokens);
        }

        // An absolute range starts with a year and a dash; a recurring window with a day or "HH:".
        if (part.Length > 4 && char.IsAsciiDigit(part[0]) && part[4] == '-')
        {
            return AbsoluteRange.Parse(part);
        }

        return Recurring(part, tokens, defaults);
    }

    private static ParseResult<SchedulePart> OneSided(string part, string[] tokens)
    {
        var from = string.Equals(tokens[0], "from", StringComparison.OrdinalIgnoreCase);
        var example = from ? ScheduleErrors.FromExample : ScheduleErrors.UntilExample;
        var keyword = tokens[0].ToLowerInvariant();
        if (tokens.Length != 2)
        {
            return ParseResult<SchedulePart>.Fail(ScheduleErrors.Part(part, $"\"{keyword}\" takes exactly one RFC 3339 instant", example));
        }

        if (!Rfc3339.TryParse(tokens[1], out var instant))
        {
            return ParseResult<SchedulePart>.Fail(ScheduleErrors.Part(part, $"\"{tokens[1]}\" is not an RFC 3339 instant", example));
        }

        return ParseResult<SchedulePart>.Ok(from ? new FromPart(instant) : new UntilPart(instant));
    }

    private static ParseResult<SchedulePart> Recurring(string part, string[] tokens, ScheduleDefaults defaults)
    {
        var timeIndex = Array.FindIndex(tokens, token => char.IsAsciiDigit(token[0]));
        if (timeIndex < 0)
        {
            var rule = DayRange.StartsWithDayName(tokens[0])
                ? "no time range HH:MM-HH:MM"
                : "is not always, never, a recurring window, an absolute range, from or until";
            return ParseResult<SchedulePart>.Fail(ScheduleErrors.Recurring(part, rule));
        }

        if (timeIndex > 1)
        {
            return ParseResult<SchedulePart>.Fail(ScheduleErrors.Recurring(part, $"expected one day range before the time range, got \"{string.Join(' ', tokens[..timeIndex])}\""));
        }

        if (tokens.Length > timeIndex + 2)
        {
            return ParseResult<SchedulePart>.Fail(ScheduleErrors.Recurring(part, $"unexpected \"{string.Join(' ', tokens[(timeIndex + 2)..])}\" after the time zone"));
        }

        // "07:00-19:00 Mon-Fri": say where the days go rather than "no day range" or "not a zone".
        if (tokens.Length == timeIndex + 2 && DayRange.StartsWithDayName(tokens[timeIndex + 1]) && TimeZones.Find(tokens[timeIndex + 1]) is null)
        {
            return ParseResult<SchedulePart>.Fail(ScheduleErrors.Recurring(part, $"the day range \"{tokens[timeIndex + 1]}\" goes before the time range"));
        }

        DayRange days;
        if (timeIndex == 1)
        {
            var parsed = DayRange.Parse(tokens[0]);
            if (!parsed.IsValid)
            {
                return ParseResult<SchedulePart>.Fail(ScheduleErrors.Recurring(part, parsed.Error));
            }

            days = parsed.Value;
        }
        else if (defaults.Days is { } defaultDays)
        {
            days = defaultDays;
        }
        else
        {
            return ParseResult<SchedulePart>.Fail(ScheduleErrors.Recurring(part, "no day range, and no default weekframe is configured"));
        }

        var window = TimeWindow.Parse(tokens[timeIndex]);
        if (!window.IsValid)
        {
            return ParseResult<SchedulePart>.Fail(ScheduleErrors.Recurring(part, window.Error));
        }

        var zone = defaults.TimeZone;
        if (tokens.Length == timeIndex + 2)
        {
            zone = TimeZones.Find(tokens[timeIndex + 1]);
            if (zone is null)
            {
                return ParseResult<SchedulePart>.Fail(ScheduleErrors.Recurring(part, $"time zone \"{tokens[timeIndex + 1]}\" is not a tzdb zone id"));
            }
        }
        else if (zone is null)
        {
            return ParseResult<SchedulePart>.Fail(ScheduleErrors.Recurring(part, "no time zone, and no default time zone is configured"));
        }

        var (from, to) = window.Value;
        return ParseResult<SchedulePart>.Ok(new RecurringPart(days, from, to, zone));
    }

    /// <summary><c>HH:MM-HH:MM</c> as minutes after midnight; <c>24:00</c> only as the end.</summary>
    private static class TimeWindow
    {
        public static ParseResult<(int From, int To)> Parse(string text)
        {
            var pieces = text.Split('-');
            if (pieces.Length != 2)
            {
                return ParseResult<(int, int)>.Fail($"time range \"{text}\" is not HH:MM-HH:MM");
            }

            var from = Minutes(pieces[0]);
            if (!from.IsValid)
            {
                return ParseResult<(int, int)>.Fail(from.Error);
            }

            if (from.Value == 24 * 60)
            {
                return ParseResult<(int, int)>.Fail("24:00 is only valid as the end of a window (start at 00:00 instead)");
            }

            var to = Minutes(pieces[1]);
            return to.IsValid ? ParseResult<(int, int)>.Ok((from.Value, to.Value)) : ParseResult<(int, int)>.Fail(to.Error);
        }

        private static ParseResult<int> Minutes(string text)
        {
            if (text.Length != 5 || text[2] != ':' || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1])
                || !char.IsAsciiDigit(text[3]) || !char.IsAsciiDigit(text[4]))
            {
                return ParseResult<int>.Fail($"time \"{text}\" is not HH:MM (two-digit hour and minute)");
            }

            var hour = int.Parse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            var minute = int.Parse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            if (hour > 24)
            {
                return ParseResult<int>.Fail($"hour in \"{text}\" is not 00..24");
            }

            if (minute > 59)
            {
                return ParseResult<int>.Fail($"minute in \"{text}\" is not 00..59");
            }

            if (hour == 24 && minute != 0)
            {
                return ParseResult<int>.Fail($"\"{text}\" is past the end of the day (24:00 is the latest)");
            }

            return ParseResult<int>.Ok((hour * 60) + minute);
        }
    }
}
