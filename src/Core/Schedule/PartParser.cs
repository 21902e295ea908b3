using System.Globalization;

namespace Tarnfui.Core.Schedule;

/// <summary>Reads one trimmed, non-empty part of a spec into a <see cref="SchedulePart"/>.</summary>
internal static class PartParser
{
    private static readonly char[] Blanks = [' ', '\t', '\r', '\n'];

    public static ParseResult<SchedulePart> Parse(string part, ScheduleDefaults defaults)
    {
        // "true" and "false" are GoKubeDownscaler's spellings of always and never.
        if (string.Equals(part, "always", StringComparison.OrdinalIgnoreCase) || string.Equals(part, "true", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult<SchedulePart>.Ok(ConstantPart.Always);
        }

        if (string.Equals(part, "never", StringComparison.OrdinalIgnoreCase) || string.Equals(part, "false", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult<SchedulePart>.Ok(ConstantPart.Never);
        }

        if (OneSidedKeyword(part) is { } keyword)
        {
            return OneSided(part, keyword);
        }

        var tokens = part.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);

        // An absolute range starts with a year and a dash; a recurring window with a day or "HH:".
        if (part.Length > 4 && char.IsAsciiDigit(part[0]) && part[4] == '-')
        {
            return AbsoluteRange.Parse(part);
        }

        return Recurring(part, tokens, defaults);
    }

    // GoKubeDownscaler also writes the instant right after the keyword or after a dash: "from-…", "until…".
    private static string? OneSidedKeyword(string part) =>
        part.StartsWith("from", StringComparison.OrdinalIgnoreCase) ? "from"
        : part.StartsWith("until", StringComparison.OrdinalIgnoreCase) ? "until"
        : null;

    private static ParseResult<SchedulePart> OneSided(string part, string keyword)
    {
        var from = keyword == "from";
        var example = from ? ScheduleErrors.FromExample : ScheduleErrors.UntilExample;
        var rest = part[keyword.Length..].TrimStart(Blanks);
        if (rest.StartsWith('-'))
        {
            rest = rest[1..].TrimStart(Blanks);
        }

        if (rest.Length == 0 || rest.IndexOfAny(Blanks) >= 0)
        {
            return ParseResult<SchedulePart>.Fail(ScheduleErrors.Part(part, $"\"{keyword}\" takes exactly one RFC 3339 instant", example));
        }

        if (!Rfc3339.TryParse(rest, out var instant))
        {
            return ParseResult<SchedulePart>.Fail(ScheduleErrors.Part(part, $"\"{rest}\" is not an RFC 3339 instant", example));
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
