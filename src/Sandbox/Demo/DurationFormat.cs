using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Tarnfui.Sandbox.Demo;

/// <summary>Durations on the command line and in the output: <c>30m</c>, <c>1h</c>, <c>90s</c>, <c>1h30m</c>, <c>250ms</c>.</summary>
internal static partial class DurationFormat
{
    public static bool TryParse(string text, out Duration duration)
    {
        duration = Duration.Zero;
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success || match.Length == 0)
        {
            return false;
        }

        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitStart = part.Value.IndexOfAny(['h', 'm', 's']);
            var value = long.Parse(part.Value.AsSpan(0, unitStart), NumberStyles.None, CultureInfo.InvariantCulture);
            duration += part.Value[unitStart..] switch
            {
                "h" => Duration.FromHours(value),
                "m" => Duration.FromMinutes(value),
                "s" => Duration.FromSeconds(value),
                _ => Duration.FromMilliseconds(value),
            };
        }

        return true;
    }

    /// <summary>The shortest form that parses back to the same duration: <c>1h30m</c>, <c>45s</c>, <c>0s</c>.</summary>
    public static string Format(Duration duration)
    {
        if (duration == Duration.Zero)
        {
            return "0s";
        }

        var text = new System.Text.StringBuilder(duration < Duration.Zero ? "-" : "");
        var rest = duration < Duration.Zero ? -duration : duration;
        Append(text, (long)rest.TotalHours, "h");
        Append(text, rest.Minutes, "m");
        Append(text, rest.Seconds, "s");
        Append(text, rest.SubsecondTicks / NodaConstants.TicksPerMillisecond, "ms");
        return text.ToString();
    }

    private static void Append(System.Text.StringBuilder text, long value, string unit)
    {
        if (value != 0)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    [GeneratedRegex(@"^(?<part>\d+(ms|h|m|s))+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
