namespace Tarnfui.Core.Schedule;

/// <summary>
/// Builds the messages of invalid specs: the offending part, the rule it breaks and a valid example of the
/// same kind, e.g. <c>"Mon-Thur 09:00-20:00": day "Thur" is not a 3-letter day (Mon..Sun); example: "…"</c>.
/// </summary>
internal static class ScheduleErrors
{
    public const string RecurringExample = "Mon-Fri 07:30-20:30 Europe/Berlin";
    public const string AbsoluteExample = "2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00";
    public const string FromExample = "from " + Rfc3339.Example;
    public const string UntilExample = "until " + Rfc3339.Example;
    public const string ListExample = "Mon-Fri 07:30-12:00 Europe/Berlin, Mon-Fri 13:00-20:30 Europe/Berlin";
    public const string ZoneExample = "Europe/Berlin";

    public static string Part(string part, string rule, string example) => $"\"{part}\": {rule}; example: \"{example}\"";

    public static string Recurring(string part, string rule) => Part(part, rule, RecurringExample);

    public static string Absolute(string part, string rule) => Part(part, rule, AbsoluteExample);

    /// <summary>A spec beyond <see cref="ScheduleLimits"/>: quotes its start only, as the whole could fill an Event.</summary>
    public static string Limit(string text, string rule) =>
        Part(text.Length <= LimitExcerptLength ? text : text[..LimitExcerptLength] + "…", rule, ListExample);

    // Long enough to recognise the spec, short enough for a warning line.
    private const int LimitExcerptLength = 40;
}
