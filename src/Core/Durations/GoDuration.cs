using System.Globalization;
using NodaTime;

namespace Tarnfui.Core.Durations;

/// <summary>
/// The one duration grammar of Tarnfui, Go's <c>time.ParseDuration</c> (the form kubectl's <c>--timeout</c> and
/// Kubernetes' own components take): an optional sign, then one or more decimal numbers, each with an optional
/// fraction and a unit — <c>ns</c>, <c>us</c> (or <c>µs</c>), <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>: <c>300ms</c>,
/// <c>1.5h</c>, <c>1h30m</c>, <c>-1m</c>. <c>0</c> is the only number without a unit. There are no days (<c>1d</c>
/// is refused, as in Go) and the range is Go's: about 292 years either way. Surrounding white space is ignored;
/// fractions are exact to the nanosecond. Negative values parse: whoever reads the value says whether it may be one.
/// </summary>
public static class GoDuration
{
    /// <summary>The examples every error message ends with.</summary>
    public const string Examples = "write e.g. \"30s\", \"5m\" or \"1h30m\"";

    private const ulong NanosecondsPerSecond = 1_000_000_000;

    // The magnitude of the most negative duration; a positive one may be one nanosecond less.
    private const ulong Limit = 1UL << 63;

    /// <summary>The duration <paramref name="text"/> spells, or why it is none: <c>"1d" is not a duration: unknown unit "d" …</c>.</summary>
    public static ParseResult<Duration> Parse(string? text)
    {
        var rest = (text ?? string.Empty).AsSpan().Trim();
        var negative = false;
        if (rest.Length > 0 && rest[0] is '-' or '+')
        {
            negative = rest[0] == '-';
            rest = rest[1..];
        }

        if (rest is "0")
        {
            return ParseResult<Duration>.Ok(Duration.Zero);
        }

        if (rest.IsEmpty)
        {
            return Invalid(text, "no number");
        }

        UInt128 total = 0;
        while (!rest.IsEmpty)
        {
            if (ReadTerm(ref rest) is not { } term)
            {
                return Invalid(text, "each number needs a unit (ns, us, ms, s, m or h), and each unit a number");
            }

            if (Unit(term.Unit) is not { } unit)
            {
                return Invalid(text, $"unknown unit \"{term.Unit}\" (use ns, us, ms, s, m or h)");
            }

            // Exact: the whole part times the unit, plus the fraction's share of the unit, truncated to a nanosecond.
            var nanoseconds = ((UInt128)term.Whole * unit) + ((UInt128)term.Fraction * unit / term.FractionScale);
            total += nanoseconds;
            if (term.WholeOverflowed || total > Limit)
            {
                return Invalid(text, "out of range (about 292 years at most)");
            }
        }

        if (!negative && total == Limit)
        {
            return Invalid(text, "out of range (about 292 years at most)");
        }

        var value = negative ? (long)(0 - (ulong)total) : (long)total;
        return ParseResult<Duration>.Ok(Duration.FromNanoseconds(value));
    }

    /// <summary>
    /// The shortest form <see cref="Parse"/> reads back exactly: Go's <c>Duration.String()</c> without its zero
    /// units (<c>1h30m</c> rather than <c>1h30m0s</c>), and <c>us</c> rather than <c>µs</c> so the text stays ASCII:
    /// <c>0s</c>, <c>250ms</c>, <c>1.5s</c>, <c>2h0.5s</c>, <c>-1m</c>.
    /// </summary>
    public static string Format(Duration duration)
    {
        var nanoseconds = (Int128)duration.ToBigIntegerNanoseconds();
        if (nanoseconds == 0)
        {
            return "0s";
        }

        var magnitude = (UInt128)(nanoseconds < 0 ? -nanoseconds : nanoseconds);
        var text = new System.Text.StringBuilder(nanoseconds < 0 ? "-" : string.Empty);
        if (magnitude < NanosecondsPerSecond)
        {
            // Under a second Go picks the largest unit that keeps a whole part: 250ms, 1.5us, 800ns.
            var (unit, size) = (ulong)magnitude switch
            {
                < 1_000 => ("ns", 1UL),
                < 1_000_000 => ("us", 1_000UL),
                _ => ("ms", 1_000_000UL),
            };
            return AppendDecimal(text, magnitude, size).Append(unit).ToString();
        }

        var seconds = magnitude / NanosecondsPerSecond;
        AppendUnit(text, seconds / 3600, "h");
        AppendUnit(text, seconds / 60 % 60, "m");
        var secondsPart = magnitude % (60 * NanosecondsPerSecond);
        if (secondsPart != 0)
        {
            AppendDecimal(text, secondsPart, NanosecondsPerSecond).Append('s');
        }

        return text.ToString();
    }

    /// <summary><see cref="Format(Duration)"/> of a <see cref="TimeSpan"/>.</summary>
    public static string Format(TimeSpan duration) => Format(Duration.FromTimeSpan(duration));

    private static void AppendUnit(System.Text.StringBuilder text, UInt128 count, string unit)
    {
        if (count != 0)
        {
            text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    // count / size in decimal, without trailing zeros: 1500 / 1000 is "1.5".
    private static System.Text.StringBuilder AppendDecimal(System.Text.StringBuilder text, UInt128 count, ulong size)
    {
        text.Append((count / size).ToString(CultureInfo.InvariantCulture));
        var fraction = count % size;
        if (fraction != 0)
        {
            var digits = size.ToString(CultureInfo.InvariantCulture).Length - 1;
            text.Append('.').Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0'));
        }

        return text;
    }

    private readonly record struct Term(ulong Whole, bool WholeOverflowed, ulong Fraction, ulong FractionScale, string Unit);

    // One number and its unit from the front of rest; null when the number has no digit or no unit follows.
    private static Term? ReadTerm(ref ReadOnlySpan<char> rest)
    {
        ulong whole = 0;
        var overflowed = false;
        var digits = 0;
        for (; digits < rest.Length && char.IsAsciiDigit(rest[digits]); digits++)
        {
            overflowed |= whole > (ulong.MaxValue - 9) / 10;
            whole = unchecked((whole * 10) + (ulong)(rest[digits] - '0'));
        }

        var position = digits;
        ulong fraction = 0;
        ulong scale = 1;
        var fractionDigits = 0;
        if (position < rest.Length && rest[position] == '.')
        {
            position++;
            for (; position < rest.Length && char.IsAsciiDigit(rest[position]); position++, fractionDigits++)
            {
                // Digits past a nanosecond of an hour change nothing; they are read and dropped, as Go does.
                if (scale < 10_000_000_000_000_000_000UL)
                {
                    fraction = (fraction * 10) + (ulong)(rest[position] - '0');
                    scale *= 10;
                }
            }
        }

        var unitStart = position;
        while (position < rest.Length && !char.IsAsciiDigit(rest[position]) && rest[position] != '.')
        {
            position++;
        }

        if (digits + fractionDigits == 0 || position == unitStart)
        {
            return null;
        }

        var unit = rest[unitStart..position].ToString();
        rest = rest[position..];
        return new Term(whole, overflowed, fraction, scale, unit);
    }

    private static ulong? Unit(string unit) => unit switch
    {
        "ns" => 1,
        "us" or "\u00b5s" or "\u03bcs" => 1_000,
        "ms" => 1_000_000,
        "s" => NanosecondsPerSecond,
        "m" => 60 * NanosecondsPerSecond,
        "h" => 3600 * NanosecondsPerSecond,
        _ => null,
    };

    private static ParseResult<Duration> Invalid(string? text, string reason) =>
        ParseResult<Duration>.Fail($"\"{text}\" is not a duration: {reason}; {Examples}");
}
