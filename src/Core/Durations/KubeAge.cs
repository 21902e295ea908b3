using System.Globalization;
using NodaTime;

namespace Tarnfui.Core.Durations;

/// <summary>
/// An elapsed time the way kubectl's AGE column prints it (apimachinery's <c>duration.HumanDuration</c>): two or
/// three significant figures, <c>45s</c>, <c>3m12s</c>, <c>42m</c>, <c>5h3m</c>, <c>20h</c>, <c>2d4h</c>,
/// <c>120d</c>, <c>2y3d</c>, <c>9y</c>. Used by the CLI and by the emulator's tables so that both print what kubectl
/// would.
/// </summary>
public static class KubeAge
{
    private const long Minute = 60;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;
    private const long Year = 365 * Day;

    public static string Format(Duration elapsed)
    {
        // Whole seconds truncated toward zero, as Go's int(d.Seconds()): -1.9s is -1s, a moment ago by clock skew,
        // and prints 0s; from -2s on the time is taken to be in the future and prints <invalid>.
        var seconds = (long)(elapsed.ToBigIntegerNanoseconds() / NodaConstants.NanosecondsPerSecond);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 2 * Minute)
        {
            return $"{I(seconds)}s";
        }

        if (seconds < 10 * Minute)
        {
            return Two(seconds / Minute, "m", seconds % Minute, "s");
        }

        if (seconds < 3 * Hour)
        {
            return $"{I(seconds / Minute)}m";
        }

        if (seconds < 8 * Hour)
        {
            return Two(seconds / Hour, "h", seconds % Hour / Minute, "m");
        }

        if (seconds < 2 * Day)
        {
            return $"{I(seconds / Hour)}h";
        }

        if (seconds < 8 * Day)
        {
            return Two(seconds / Day, "d", seconds % Day / Hour, "h");
        }

        // A year is 365 days, as in apimachinery: no leap days.
        if (seconds < 2 * Year)
        {
            return $"{I(seconds / Day)}d";
        }

        return seconds < 8 * Year ? Two(seconds / Year, "y", seconds % Year / Day, "d") : $"{I(seconds / Year)}y";
    }

    // The larger unit always, the smaller one only when it is not zero: 5m, 5m7s.
    private static string Two(long large, string largeUnit, long small, string smallUnit) =>
        small == 0 ? $"{I(large)}{largeUnit}" : $"{I(large)}{largeUnit}{I(small)}{smallUnit}";

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
