using System.Globalization;

namespace Tarnfui.Core.Durations;

/// <summary>
/// A duration in configuration: the <see cref="GoDuration"/> grammar (<c>30s</c>, <c>5m</c>, <c>1h30m</c>), or the
/// older .NET form <c>hh:mm:ss</c> (<c>00:00:30</c>, <c>1.00:00:00</c>) that the webhook's settings took before,
/// so that configuration written for it keeps starting.
/// </summary>
public static class DurationSetting
{
    /// <summary>The value of <paramref name="key"/>, or an error naming the key and the value.</summary>
    public static ParseResult<TimeSpan> Parse(string key, string? text)
    {
        var parsed = GoDuration.Parse(text);
        if (parsed.TryGetValue(out var duration))
        {
            return ParseResult<TimeSpan>.Ok(duration.ToTimeSpan());
        }

        // Only with a colon: TimeSpan.Parse would take a bare "5" for five days, where Go asks for a unit.
        if (text is not null && text.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var legacy))
        {
            return ParseResult<TimeSpan>.Ok(legacy);
        }

        return ParseResult<TimeSpan>.Fail($"{key}: {parsed.Error} (or the older \"00:00:30\")");
    }
}
