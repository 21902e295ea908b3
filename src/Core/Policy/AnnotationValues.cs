using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Tarnfui.Core.Policy;

/// <summary>
/// Reads the scalar annotation values (booleans, replica counts, instants). Each error names the key, the
/// value, the rule and a valid example, because it ends up in a Warning Event a person reads.
/// </summary>
public static class AnnotationValues
{
    private static readonly OffsetDateTimePattern Rfc3339 = OffsetDateTimePattern.ExtendedIso;
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    public static ParseResult<bool> ParseBoolean(string key, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult<bool>.Ok(true);
        }

        return string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase)
            ? ParseResult<bool>.Ok(false)
            : ParseResult<bool>.Fail($"{key}: \"{text}\" is not a boolean; use \"true\" or \"false\"");
    }

    public static ParseResult<int> ParseReplicas(string key, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var replicas)
            ? ParseResult<int>.Ok(replicas)
            : ParseResult<int>.Fail($"{key}: \"{text}\" is not a replica count; use a whole number from 0, e.g. \"1\"");
    }

    /// <summary><c>tarnfui.io/restore</c>: true for <c>manual</c> (any case), the only value it takes.</summary>
    public static ParseResult<bool> ParseManualRestore(string key, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Equals(text.Trim(), WellKnown.Annotations.ManualRestoreValue, StringComparison.OrdinalIgnoreCase)
            ? ParseResult<bool>.Ok(true)
            : ParseResult<bool>.Fail($"{key}: \"{text}\" is not a restore mode; the only one is \"{WellKnown.Annotations.ManualRestoreValue}\" (never restored by the sweeper), or remove the annotation");
    }

    /// <summary>An RFC 3339 instant, or a <c>YYYY-MM-DD</c> date meaning the start of that day in <paramref name="zone"/>.</summary>
    public static ParseResult<Instant> ParseInstantOrDate(string key, string text, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        var trimmed = text.Trim();
        var instant = Rfc3339.Parse(trimmed);
        if (instant.Success)
        {
            return ParseResult<Instant>.Ok(instant.Value.ToInstant());
        }

        var date = Date.Parse(trimmed);
        return date.Success
            ? ParseResult<Instant>.Ok(date.Value.AtStartOfDayInZone(zone).ToInstant())
            : ParseResult<Instant>.Fail($"{key}: \"{text}\" is neither an RFC 3339 instant nor a date; example: \"2026-11-23T18:00:00Z\" or \"2026-11-24\"");
    }

    /// <summary>Formats an instant as RFC 3339 in UTC (<c>2026-11-23T18:00:00Z</c>), the form Tarnfui writes.</summary>
    /// <remarks>
    /// The text of NodaTime's general pattern (whole seconds, fractions dropped), written directly: every stop the
    /// sweeper writes and every scale-up the webhook holds records one, and the pattern formats through a chain of a
    /// delegate per field. Years beyond four digits, which no clock reaches, go through the pattern.
    /// </remarks>
    public static string FormatInstant(Instant instant)
    {
        var utc = instant.InUtc().LocalDateTime;
        return utc.Year is < 1 or > 9999
            ? InstantPattern.General.Format(instant)
            : string.Create(RfcSecondsLength, utc, static (text, at) =>
            {
                Digits(text[0..4], at.Year);
                text[4] = '-';
                Digits(text[5..7], at.Month);
                text[7] = '-';
                Digits(text[8..10], at.Day);
                text[10] = 'T';
                Digits(text[11..13], at.Hour);
                text[13] = ':';
                Digits(text[14..16], at.Minute);
                text[16] = ':';
                Digits(text[17..19], at.Second);
                text[19] = 'Z';
            });
    }

    private const int RfcSecondsLength = 20;

    // Writes value in exactly destination.Length decimal digits, left-padded with zeros.
    private static void Digits(Span<char> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
