using NodaTime;
using Tarnfui.Core.Schedule;
using static Tarnfui.Core.Tests.Schedule.Instants;

namespace Tarnfui.Core.Tests.Schedule;

public class ScheduleTransitionTests
{
    // Expected transitions as "instant +" (starts matching) or "instant -" (stops matching).
    public static TheoryData<string, string, string, int, string[]> Cases => new()
    {
        { "working hours across a weekend", "Mon-Fri 07:00-19:00 Europe/Berlin", "2026-11-28T12:00:00Z", 3,
            ["2026-11-30T06:00:00Z +", "2026-11-30T18:00:00Z -", "2026-12-01T06:00:00Z +"] },
        { "adjacent parts merge into one window", "Mon 09:00-12:00 UTC, Mon 12:00-17:00 UTC", "2026-11-23T00:00:00Z", 1,
            ["2026-11-23T09:00:00Z +", "2026-11-23T17:00:00Z -"] },
        { "overlapping parts merge into one window", "Mon 09:00-13:00 UTC, Mon 12:00-17:00 UTC", "2026-11-23T00:00:00Z", 1,
            ["2026-11-23T09:00:00Z +", "2026-11-23T17:00:00Z -"] },
        { "a day window running into the next day's window", "Mon 00:00-24:00 UTC, Tue 00:00-06:00 UTC", "2026-11-22T12:00:00Z", 3,
            ["2026-11-23T00:00:00Z +", "2026-11-24T06:00:00Z -"] },
        { "an overnight window across the week end", "Sun 22:00-02:00 UTC", "2026-11-29T00:00:00Z", 2,
            ["2026-11-29T22:00:00Z +", "2026-11-30T02:00:00Z -"] },
        { "a wrapping day range over the week end", "Fri-Mon 22:00-02:00 UTC", "2026-11-27T00:00:00Z", 4,
            ["2026-11-27T22:00:00Z +", "2026-11-28T02:00:00Z -", "2026-11-28T22:00:00Z +", "2026-11-29T02:00:00Z -",
             "2026-11-29T22:00:00Z +", "2026-11-30T02:00:00Z -", "2026-11-30T22:00:00Z +"] },
        { "Berlin spring forward: a start inside the gap takes effect at its end", "Sun 02:30-04:00 Europe/Berlin", "2026-03-28T12:00:00Z", 2,
            ["2026-03-29T01:00:00Z +", "2026-03-29T02:00:00Z -"] },
        { "Berlin fall back: the repeated hour crosses the start twice", "Sun 02:30-04:00 Europe/Berlin", "2026-10-24T12:00:00Z", 2,
            ["2026-10-25T00:30:00Z +", "2026-10-25T01:00:00Z -", "2026-10-25T01:30:00Z +", "2026-10-25T03:00:00Z -"] },
        { "New York spring forward: a window inside the gap never starts", "Sun 02:00-03:00 America/New_York", "2026-03-07T12:00:00Z", 2,
            [] },
        { "New York fall back: the repeated hour crosses the start twice", "Sun 01:30-02:30 America/New_York", "2026-10-31T12:00:00Z", 2,
            ["2026-11-01T05:30:00Z +", "2026-11-01T06:00:00Z -", "2026-11-01T06:30:00Z +", "2026-11-01T07:30:00Z -"] },
        { "New York working hours move in UTC across DST", "Mon-Fri 09:00-17:00 America/New_York", "2026-10-30T14:00:00Z", 4,
            ["2026-10-30T21:00:00Z -", "2026-11-02T14:00:00Z +", "2026-11-02T22:00:00Z -", "2026-11-03T14:00:00Z +"] },
        { "an absolute range", "2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00", "2026-11-23T00:00:00Z", 366,
            ["2026-12-23T23:00:00Z +", "2026-12-26T23:00:00Z -"] },
        { "from starts once", "from 2026-12-01T00:00:00Z", "2026-11-23T00:00:00Z", 366, ["2026-12-01T00:00:00Z +"] },
        { "until stops once", "until 2026-12-01T00:00:00Z", "2026-11-23T00:00:00Z", 366, ["2026-12-01T00:00:00Z -"] },
        { "an absolute range inside a recurring window adds nothing", "Mon 00:00-24:00 UTC, 2026-11-23T10:00:00Z-2026-11-23T11:00:00Z", "2026-11-22T12:00:00Z", 1,
            ["2026-11-23T00:00:00Z +"] },
        { "always never flips", "always", "2026-11-23T00:00:00Z", 366, [] },
        { "never never flips", "never", "2026-11-23T00:00:00Z", 366, [] },
        { "a window covering every day never flips", "Mon-Sun 00:00-24:00 UTC", "2026-11-23T00:00:00Z", 30, [] },
        { "from == to never flips", "Mon-Sun 08:00-08:00 UTC", "2026-11-23T00:00:00Z", 30, [] },
    };

    [Theory, MemberData(nameof(Cases))]
    public void TransitionsAfter_follows_the_table(string because, string spec, string from, int days, string[] expected)
    {
        var transitions = ScheduleSpec.Parse(spec).Value.TransitionsAfter(At(from), Duration.FromDays(days));
        transitions.Select(Describe).ShouldBe(expected, because);
    }

    [Fact]
    public void A_transition_at_from_is_not_reported_and_one_at_the_horizon_is()
    {
        var spec = ScheduleSpec.Parse("Mon 09:00-17:00 UTC").Value;
        var transitions = spec.TransitionsAfter(At("2026-11-23T09:00:00Z"), Duration.FromHours(8)).ToList();
        transitions.ShouldBe([new ScheduleTransition(At("2026-11-23T17:00:00Z"), false)]);
    }

    [Fact]
    public void The_first_transition_of_a_long_horizon_is_found_without_walking_it()
    {
        var spec = ScheduleSpec.Parse("Mon-Fri 07:00-19:00 UTC").Value;
        var first = spec.TransitionsAfter(At("2026-11-23T12:00:00Z"), Duration.FromDays(366 * 100)).First();
        first.ShouldBe(new ScheduleTransition(At("2026-11-23T19:00:00Z"), false));
    }

    [Fact]
    public void A_negative_horizon_is_a_programming_error() =>
        Should.Throw<ArgumentOutOfRangeException>(() => ScheduleSpec.Parse("always").Value.TransitionsAfter(At("2026-11-23T12:00:00Z"), Duration.FromDays(-1)));

    private static string Describe(ScheduleTransition transition) =>
        $"{transition.At:uuuu-MM-ddTHH:mm:ss}Z {(transition.Matching ? "+" : "-")}";
}
