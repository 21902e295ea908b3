using CsCheck;
using NodaTime;
using Tarnfui.Emulator.Controllers;

namespace Tarnfui.Emulator.Tests.Controllers;

public sealed class CronScheduleTests
{
    // 2026-11-23 is a Monday.
    private static readonly LocalDateTime Monday0900 = new(2026, 11, 23, 9, 0);

    [Theory]
    [InlineData("*/15 * * * *", "2026-11-23T09:15")]
    [InlineData("0 2 * * *", "2026-11-24T02:00")]
    [InlineData("30 6 * * 1-5", "2026-11-24T06:30")]
    [InlineData("30 6 * * MON-FRI", "2026-11-24T06:30")]
    [InlineData("0 0 * * SAT,SUN", "2026-11-28T00:00")]
    [InlineData("0 0 * * 7", "2026-11-29T00:00")]
    [InlineData("5/20 * * * *", "2026-11-23T09:05")]
    [InlineData("0 9-17/4 * * *", "2026-11-23T13:00")]
    [InlineData("0 0 1 JAN *", "2027-01-01T00:00")]
    [InlineData("0 0 29 2 *", "2028-02-29T00:00")]
    [InlineData("0 0 1 * MON", "2026-11-30T00:00")]
    [InlineData("@hourly", "2026-11-23T10:00")]
    [InlineData("@daily", "2026-11-24T00:00")]
    [InlineData("@weekly", "2026-11-29T00:00")]
    [InlineData("@monthly", "2026-12-01T00:00")]
    [InlineData("@yearly", "2027-01-01T00:00")]
    public void The_next_time_after_Monday_nine_is_the_first_one_the_schedule_names(string expression, string expected)
    {
        CronSchedule.Parse(expression).Next(Monday0900).ShouldBe(LocalDateTime.FromDateTime(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("* * * *", "expected 5")]
    [InlineData("60 * * * *", "minute field")]
    [InlineData("* 24 * * *", "hour field")]
    [InlineData("* * 0 * *", "day-of-month field")]
    [InlineData("* * * 13 *", "month field")]
    [InlineData("* * * * FUNDAY", "day-of-week field")]
    [InlineData("5-1 * * * *", "runs backwards")]
    [InlineData("*/0 * * * *", "outside")]
    [InlineData("@often", "unknown schedule macro")]
    public void A_wrong_expression_is_refused_naming_what_is_wrong(string expression, string mentioned)
    {
        Should.Throw<FormatException>(() => CronSchedule.Parse(expression)).Message.ShouldContain(mentioned);
    }

    [Fact]
    public void A_date_that_never_comes_has_no_next_time() => CronSchedule.Parse("0 0 31 2 *").Next(Monday0900).ShouldBeNull();

    [Fact]
    public void The_next_time_is_later_matches_and_skips_no_earlier_match()
    {
        var minute = Gen.Int[0, 59].Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var field = Gen.OneOf(Gen.Const("*"), minute, Gen.Int[1, 30].Select(s => $"*/{s}"));
        var expressions = Gen.Select(field, Gen.OneOf(new[] { "*", "2", "6-18/3", "0,12" }.Select(Gen.Const).ToArray()), Gen.OneOf(new[] { "*", "1", "13-15", "28" }.Select(Gen.Const).ToArray()), Gen.OneOf(new[] { "*", "2", "JUN-AUG" }.Select(Gen.Const).ToArray()), Gen.OneOf(new[] { "*", "1-5", "SUN", "3" }.Select(Gen.Const).ToArray()))
            .Select((m, h, d, mo, w) => $"{m} {h} {d} {mo} {w}");
        var starts = Gen.Int[0, 4 * 365 * 24 * 60].Select(minutes => Monday0900.PlusMinutes(minutes));
        Gen.Select(expressions, starts).Sample((expression, start) =>
        {
            var schedule = CronSchedule.Parse(expression);
            var next = schedule.Next(start).ShouldNotBeNull();
            next.ShouldBeGreaterThan(start);
            schedule.Matches(next).ShouldBeTrue();
            // Nothing in between matches (checked over the first day, where a skipped match would show).
            for (var probe = start.PlusMinutes(1); probe < next && probe < start.PlusDays(1); probe = probe.PlusMinutes(1))
            {
                schedule.Matches(probe).ShouldBeFalse();
            }
        }, iter: 300);
    }
}
