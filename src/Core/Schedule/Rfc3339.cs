using NodaTime;
using NodaTime.Text;

namespace Tarnfui.Core.Schedule;

/// <summary>
/// Reads RFC 3339 instants: <c>2026-11-23T07:00:00Z</c> or with an offset <c>+01:00</c>, optional fraction of a
/// second. RFC 3339 allows lower-case <c>t</c> and <c>z</c>; so does this.
/// </summary>
public static class Rfc3339
{
    /// <summary>A valid instant to show in error messages.</summary>
    public const string Example = "2026-12-24T18:00:00+01:00";

    private static readonly OffsetDateTimePattern Pattern = OffsetDateTimePattern.Rfc3339;

    /// <summary>Parses an instant; the error names the text and shows <see cref="Example"/>.</summary>
    public static ParseResult<Instant> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.Trim(), out var instant)
            ? ParseResult<Instant>.Ok(instant)
            : ParseResult<Instant>.Fail($"\"{text}\" is not an RFC 3339 instant; example: \"{Example}\"");
    }

    /// <summary>Formats an instant in a zone's local time with its offset (<c>2026-11-23T07:00:00+01:00</c>).</summary>
    public static string Format(Instant instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Pattern.Format(instant.InZone(zone).ToOffsetDateTime());
    }

    internal static bool TryParse(string text, out Instant instant)
    {
        // The pattern is culture-invariant and strict: exactly YYYY-MM-DDTHH:MM:SS[.f]{Z|±HH:MM}, except that it
        // takes a signed year, which RFC 3339 has not: "from--2024-…" would otherwise be a year before Christ.
        if (text.Length > 0 && !char.IsAsciiDigit(text[0]))
        {
            instant = default;
            return false;
        }

        var result = Pattern.Parse(text.ToUpperInvariant());
        instant = result.Success ? result.Value.ToInstant() : default;
        return result.Success;
    }
}
