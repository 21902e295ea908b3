using NodaTime;

namespace Tarnfui.Core.Tests.Schedule;

/// <summary>
/// The naive definition of a flip, for specs made by <see cref="SpecGenerators"/>: every instant where one may
/// happen is on the quarter-hour grid (recurring boundaries and zone transitions) or written in a spec, so checking
/// each of them against the instant just before it finds every flip. Independent of the search it checks.
/// </summary>
internal static class GridOracle
{
    public static List<(Instant At, bool Value)> Flips(Func<Instant, bool> value, IEnumerable<string> specs, Instant from, Instant end)
    {
        var points = new SortedSet<Instant>();
        var quarter = Duration.FromMinutes(15);
        var gridStart = Instant.FromUnixTimeTicks(from.ToUnixTimeTicks() / quarter.BclCompatibleTicks * quarter.BclCompatibleTicks);
        for (var point = gridStart; point <= end; point += quarter)
        {
            points.Add(point);
        }

        foreach (var written in specs.SelectMany(WrittenInstants))
        {
            points.Add(written);
        }

        var flips = new List<(Instant, bool)>();
        foreach (var point in points.Where(p => p > from && p <= end))
        {
            var now = value(point);
            if (now != value(point - Duration.Epsilon))
            {
                flips.Add((point, now));
            }
        }

        return flips;
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
