using NodaTime;

namespace Tarnfui.Core.Tests.Schedule;

/// <summary>
/// The naive definition of a flip, for specs made by <see cref="SpecGenerators"/>: every instant where one may
/// happen is on the quarter-hour grid (recurring boundaries and zone transitions) or written in a spec, so checking
/// each of them against the instant just before it finds every flip. Independent of the search it checks.
/// </summary>
internal static class GridOracle
{
    /// <summary>The flips of <paramref name="value"/> in (from, end], in order; lazy, so that the first costs least.</summary>
    public static IEnumerable<(Instant At, bool Value)> Flips(Func<Instant, bool> value, IEnumerable<string> specs, Instant from, Instant end)
    {
        var quarter = Duration.FromMinutes(15);
        var gridStart = Instant.FromUnixTimeTicks(from.ToUnixTimeTicks() / quarter.BclCompatibleTicks * quarter.BclCompatibleTicks);
        var points = new List<Instant>();
        for (var point = gridStart; point <= end; point += quarter)
        {
            points.Add(point);
        }

        points.AddRange(specs.SelectMany(WrittenInstants));
        foreach (var point in points.Where(p => p > from && p <= end).Distinct().Order())
        {
            var now = value(point);
            if (now != value(point - Duration.Epsilon))
            {
                yield return (point, now);
            }
        }
    }

    private static IEnumerable<Instant> WrittenInstants(string text)
    {
        foreach (var part in text.Split(", "))
        {
            var body = part.StartsWith("from ", StringComparison.Ordinal) ? part[5..]
                : part.StartsWith("until ", StringComparison.Ordinal) ? part[6..]
                : char.IsAsciiDigit(part[0]) ? part : null;
            if (body is null)
            {
                continue;
            }

            // Formatted by SpecGenerators.Format: fixed width, so a range splits at index 30.
            yield return SpecGenerators.Parse(body.Length > 30 ? body[..30] : body);
            if (body.Length > 30)
            {
                yield return SpecGenerators.Parse(body[31..]);
            }
        }
    }
}
