using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using Tarnfui.Core;

namespace Tarnfui.Cli.Cluster.Targets;

/// <summary>Reads the durations people type after <c>--for</c>: <c>90m</c>, <c>2h</c>, <c>1h30m</c>, <c>45s</c>.</summary>
internal static partial class DurationText
{
    // Go's time.ParseDuration units that make sense for a wake-up (kubectl's --timeout takes the same form). No
    // timeout: the pattern cannot backtrack badly, and a cold process on a busy machine can exceed any small bound.
    [GeneratedRegex(@"^(?:(?<d>\d+)d)?(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();

    /// <summary>A strictly positive duration, or the error <c>invalid duration "2x": use e.g. 90m, 2h, 1h30m</c>.</summary>
    public static ParseResult<Duration> Parse(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        var match = Grammar().Match(trimmed);
        if (trimmed.Length == 0 || !match.Success)
        {
            return Invalid(text);
        }

        try
        {
            var total = checked(Part(match, "d", 86_400) + Part(match, "h", 3_600) + Part(match, "m", 60) + Part(match, "s", 1));

            // A year is far beyond any wake-up; the bound also keeps now + duration inside NodaTime's range.
            return total is > 0 and <= 366L * 86_400 ? ParseResult<Duration>.Ok(Duration.FromSeconds(total)) : Invalid(text);
        }
        catch (OverflowException)
        {
            return Invalid(text);
        }
    }

    /// <summary>The short form Parse reads back: <c>1h30m</c>, <c>2d</c>, <c>45s</c>.</summary>
    public static string Format(Duration duration)
    {
        var seconds = (long)duration.TotalSeconds;
        if (seconds <= 0)
        {
            return "0s";
        }

        var text = string.Empty;
        foreach (var (unit, size) in new[] { ("d", 86_400L), ("h", 3_600L), ("m", 60L), ("s", 1L) })
        {
            if (seconds >= size)
            {
                text += (seconds / size).ToString(CultureInfo.InvariantCulture) + unit;
                seconds %= size;
            }
        }

        return text;
    }

    private static long Part(Match match, string group, long seconds) =>
        match.Groups[group].Success ? checked(long.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture) * seconds) : 0;

    private static ParseResult<Duration> Invalid(string? text) =>
        ParseResult<Duration>.Fail($"invalid duration \"{text}\": use e.g. 90m, 2h, 1h30m (at most 366d)");
}
