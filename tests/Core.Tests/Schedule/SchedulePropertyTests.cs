using System.Globalization;
using CsCheck;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Core.Schedule;

namespace Tarnfui.Core.Tests.Schedule;

public class SchedulePropertyTests
{
    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    // Zones with DST in either hemisphere, 30- and 45-minute offsets, a 30-minute DST shift, POSIX-signed ids.
    private static readonly string[] Zones =
    [
        "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham",
        "America/St_Johns", "Etc/GMT+1", "Etc/GMT-14", "America/Santiago",
    ];

    // Around the 2026 DST changes of most of the zones above, and one ordinary stretch.
    private static readonly Instant[] Seasons =
    [
        Instant.FromUtc(2026, 3, 29, 0, 0), Instant.FromUtc(2026, 10, 25, 0, 0), Instant.FromUtc(2026, 4, 5, 0, 0),
        Instant.FromUtc(2026, 9, 27, 0, 0), Instant.FromUtc(2026, 3, 8, 0, 0), Instant.FromUtc(2026, 11, 1, 0, 0),
        Instant.FromUtc(2026, 6, 15, 0, 0),
    ];

    private static readonly Gen<string> Zone = Gen.Int[0, Zones.Length - 1].Select(i => Zones[i]);

    // Minutes on a quarter-hour grid, so that every boundary of a recurring part lands on the UTC quarter-hour
    // grid (all the zones' offsets are whole quarter-hours).
    // Half of them in the small hours, where DST changes the clock.
    private static readonly Gen<int> Minute = Gen.Frequency((1, Gen.Int[0, 96]), (1, Gen.Int[0, 16])).Select(q => q * 15);

    private static readonly Gen<Instant> Near = Gen.Select(Gen.Int[0, Seasons.Length - 1], Gen.Long[-10 * NodaConstants.TicksPerDay, 10 * NodaConstants.TicksPerDay],
        (season, ticks) => Seasons[season] + Duration.FromTicks(ticks));

    private static readonly Gen<string> RecurringPart = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 6], Minute, Minute, Zone,
        (first, last, from, to, zone) => $"{Days[first]}-{Days[last]} {Clock(Math.Min(from, 1425))}-{Clock(to)} {zone}");

    private static readonly Gen<string> AbsolutePart = Gen.Select(Near, Gen.Long[1, 3 * NodaConstants.TicksPerDay],
        (start, length) => $"{Format(start)}-{Format(start + Duration.FromTicks(length))}");

    private static readonly Gen<string> OneSidedPart = Gen.Select(Gen.Bool, Near, (from, at) => $"{(from ? "from" : "until")} {Format(at)}");

    private static readonly Gen<string> Part = Gen.Frequency((6, RecurringPart), (2, AbsolutePart), (1, OneSidedPart));

    private static readonly Gen<string> Spec = Part.Array[1, 3].Select(parts => string.Join(", ", parts));

    [Fact]
    public void An_overnight_window_is_the_union_of_its_two_same_day_halves()
    {
        Gen.Select(Gen.Int[0, 6], Gen.Int[1, 1439], Gen.Int[0, 1438], Zone, Near)
            .Where(t => t.Item3 < t.Item2)
            .Sample((day, from, to, zone, at) =>
            {
                var overnight = ScheduleSpec.Parse($"{Days[day]} {Clock(from)}-{Clock(to)} {zone}").Value;
                var halves = ScheduleSpec.Parse($"{Days[day]} {Clock(from)}-24:00 {zone}, {Days[(day + 1) % 7]} 00:00-{Clock(to)} {zone}").Value;
                overnight.Matches(at).ShouldBe(halves.Matches(at), $"{overnight.Text} vs {halves.Text} at {at}");
            }, iter: 20_000, threads: 1);
    }

    [Fact]
    public void Transitions_agree_with_Matches_just_before_and_at_each_one()
    {
        Gen.Select(Spec, Near, Gen.Int[1, 20]).Sample((text, from, days) =>
        {
            var spec = ScheduleSpec.Parse(text).Value;
            var end = from + Duration.FromDays(days);
            var previous = from;
            var matching = spec.Matches(from);
            foreach (var transition in spec.TransitionsAfter(from, Duration.FromDays(days)))
            {
                transition.At.ShouldBeGreaterThan(previous, text);
                transition.At.ShouldBeLessThanOrEqualTo(end, text);
                transition.Matching.ShouldBe(!matching, $"{text}: transitions alternate");
                spec.Matches(transition.At).ShouldBe(transition.Matching, $"{text} at {transition.At}");
                spec.Matches(transition.At - Duration.Epsilon).ShouldBe(matching, $"{text} just before {transition.At}");
                previous = transition.At;
                matching = transition.Matching;
            }
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void Transitions_miss_no_flip_on_the_quarter_hour_grid_or_at_absolute_instants()
    {
        Gen.Select(Spec, Near, Gen.Int[1, 10]).Sample((text, from, days) =>
        {
            var spec = ScheduleSpec.Parse(text).Value;
            var horizon = Duration.FromDays(days);
            var reported = spec.TransitionsAfter(from, horizon).ToList();
            Oracle(spec, text, from, from + horizon).ShouldBe(reported, text);
        }, iter: 300, threads: 1);
    }

    // Every instant where the spec can flip: the quarter-hour grid (recurring boundaries and zone transitions)
    // and the instants written in the spec. Checking each against the instant just before it finds every flip.
    private static List<ScheduleTransition> Oracle(ScheduleSpec spec, string text, Instant from, Instant end)
    {
        var points = new SortedSet<Instant>();
        var quarter = Duration.FromMinutes(15);
        var gridStart = Instant.FromUnixTimeTicks(from.ToUnixTimeTicks() / quarter.BclCompatibleTicks * quarter.BclCompatibleTicks);
        for (var point = gridStart; point <= end; point += quarter)
        {
            points.Add(point);
        }

        foreach (var written in WrittenInstants(text))
        {
            points.Add(written);
        }

        var flips = new List<ScheduleTransition>();
        foreach (var point in points.Where(p => p > from && p <= end))
        {
            var now = spec.Matches(point);
            if (now != spec.Matches(point - Duration.Epsilon))
            {
                flips.Add(new ScheduleTransition(point, now));
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

            // Formatted by Format below: fixed width, so a range splits at index 30.
            yield return Parse(body.Length > 30 ? body[..30] : body);
            if (body.Length > 30)
            {
                yield return Parse(body[31..]);
            }
        }
    }

    private static string Clock(int minutes) => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");

    private static readonly InstantPattern Fixed = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffff'Z'");

    private static string Format(Instant instant) => Fixed.Format(instant);

    private static Instant Parse(string text) => Fixed.Parse(text).GetValueOrThrow();
}
