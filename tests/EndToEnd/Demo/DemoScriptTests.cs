using NodaTime;
using Tarnfui.Sandbox.Demo;

namespace Tarnfui.EndToEnd.Demo;

public sealed class DemoScriptTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly LocalDate Friday = new(2026, 11, 20);

    private static Instant Local(int day, int hour, int minute) => Berlin.AtStrictly(new LocalDateTime(2026, 11, day, hour, minute)).ToInstant();

    [Fact]
    public void The_night_runs_from_friday_evening_to_monday_morning_in_the_zone()
    {
        var script = DemoScript.For(Friday, Berlin, Duration.FromMinutes(30));

        script.Start.ShouldBe(Local(20, 18, 30));
        script.End.ShouldBe(Local(23, 7, 30));
        script.Ticks[0].ShouldBe(Local(20, 19, 0));
        script.Ticks[^1].ShouldBe(script.End);
        script.Ticks.Count.ShouldBe(122); // 61 hours, two sweeps an hour
    }

    public static TheoryData<string, Duration, int> Ticks => new()
    {
        { "half-hour ticks land on the end", Duration.FromMinutes(30), 122 },
        { "two-hour ticks get one more sweep at the end, and one where working hours end and start", Duration.FromHours(2), 33 },
        { "five-hour ticks as well", Duration.FromHours(5), 15 },
    };

    [Theory, MemberData(nameof(Ticks))]
    public void The_last_sweep_is_at_the_end_whatever_the_tick(string because, Duration tick, int count)
    {
        var script = DemoScript.For(Friday, Berlin, tick);

        script.Ticks[^1].ShouldBe(script.End, because);
        script.Ticks.Count.ShouldBe(count, because);
        script.Ticks.ShouldBeInOrder(SortDirection.Ascending, because);
        script.Ticks.ShouldContain(Local(20, 19, 0), because);
        script.Ticks.ShouldContain(Local(23, 7, 0), because);
        (script.Evening, script.Morning).ShouldBe((Local(20, 19, 0), Local(23, 7, 0)));
    }

    [Fact]
    public void Moments_come_in_time_order_between_the_sweeps_and_before_a_sweep_at_the_same_instant()
    {
        var script = DemoScript.For(Friday, Berlin, Duration.FromMinutes(5));
        var steps = script.Steps().ToList();

        steps.Select(s => s.At).ShouldBeInOrder(SortDirection.Ascending);
        steps.Count(s => s.Moment is not null).ShouldBe(script.Moments.Count);
        var wake = steps.FindIndex(s => s.Moment?.Kind == MomentKind.Wake);
        steps[wake + 1].At.ShouldBe(steps[wake].At, "a sweep at the wake's own instant follows it");
        steps[wake + 1].Moment.ShouldBeNull();
    }

    public static TheoryData<string, LocalDate, LocalDate> Fridays => new()
    {
        { "a Monday looks back three days", new LocalDate(2026, 11, 23), new LocalDate(2026, 11, 20) },
        { "a Saturday looks back one day", new LocalDate(2026, 11, 21), new LocalDate(2026, 11, 20) },
        { "a Friday looks back a week", new LocalDate(2026, 11, 27), new LocalDate(2026, 11, 20) },
    };

    [Theory, MemberData(nameof(Fridays))]
    public void The_default_friday_is_the_last_one_before_today(string because, LocalDate today, LocalDate expected) =>
        DemoScript.LastFridayBefore(today).ShouldBe(expected, because);

    [Fact]
    public void A_day_that_is_not_a_friday_is_refused_with_the_day_named() =>
        new DemoOptions { Friday = new LocalDate(2026, 11, 21) }.Validate().ShouldBe("--friday must be a Friday, got \"2026-11-21\" (Saturday)");
}
