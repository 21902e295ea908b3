using System.Globalization;

namespace Tarnfui.Emulator.Server;

/// <summary>
/// How far <c>POST /sandbox/clock</c> moves the clock: a decimal amount with a unit (<c>250ms</c>, <c>30s</c>, <c>-30m</c>,
/// <c>12h</c>) or .NET's <c>d.hh:mm:ss</c>, the grammar of the sweeper's duration options, so a person writes the same
/// text in both. The emulator references no Tarnfui program, so it cannot call the sweeper's parser; once Core holds
/// the one duration grammar (issue 15, typed durations) the clock reads it from there and this file goes.
/// </summary>
internal static class ClockAdvanceText
{
    // "ms" before "s", or "250ms" would read as 250 m-seconds.
    private static readonly (string Suffix, TimeSpan Unit)[] Units =
    [
        ("ms", TimeSpan.FromMilliseconds(1)),
        ("s", TimeSpan.FromSeconds(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("h", TimeSpan.FromHours(1)),
    ];

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        foreach (var (suffix, unit) in Units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(trimmed[..^suffix.Length], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                value = TimeSpan.FromTicks((long)(amount * unit.Ticks));
                return true;
            }
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out value);
    }
}
