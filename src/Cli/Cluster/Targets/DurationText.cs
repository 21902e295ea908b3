using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Durations;

namespace Tarnfui.Cli.Cluster.Targets;

/// <summary>The length of a wake-up after <c>--for</c>, in Go's duration syntax (<see cref="GoDuration"/>): <c>90m</c>, <c>2h</c>, <c>1h30m</c>.</summary>
internal static class DurationText
{
    // A year is far beyond any wake-up; the bound also keeps now + duration inside NodaTime's range.
    private static readonly Duration Longest = Duration.FromDays(366);

    /// <summary>A strictly positive duration of at most 366 days, or the error <c>invalid duration "2x": …</c>.</summary>
    public static ParseResult<Duration> Parse(string? text)
    {
        var parsed = GoDuration.Parse(text);
        if (!parsed.TryGetValue(out var duration))
        {
            return ParseResult<Duration>.Fail($"invalid duration {parsed.Error}");
        }

        return duration > Duration.Zero && duration <= Longest
            ? ParseResult<Duration>.Ok(duration)
            : ParseResult<Duration>.Fail($"invalid duration \"{text}\": a wake lasts more than 0s and at most 8784h (366 days), e.g. 90m, 2h, 1h30m");
    }
}
