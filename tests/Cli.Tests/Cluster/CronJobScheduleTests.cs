using NodaTime;
using NodaTime.Text;
using Tarnfui.Cli.Cluster.Status.Cron;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>When a CronJob's schedule next fires, as the CronJob controller's parser (robfig/cron v3) reads it: schedules × zones × instants.</summary>
public class CronJobScheduleTests
{
    private static Instant At(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    [Theory]
    [InlineData("*/15 * * * *", null, "2026-11-23T22:00:00Z", "2026-11-23T22:15:00Z")]
    [InlineData("*/15 * * * *", null, "2026-11-23T22:07:30Z", "2026-11-23T22:15:00Z")]
    [InlineData("0 2 * * *", null, "2026-11-23T22:00:00Z", "2026-11-24T02:00:00Z")]
    [InlineData("0 9 * * 1-5", "Europe/Berlin", "2026-11-27T10:00:00Z", "2026-11-30T08:00:00Z")]
    [InlineData("0 9 * * MON-fri", "Europe/Berlin", "2026-11-27T07:00:00Z", "2026-11-27T08:00:00Z")]
    [InlineData("5,35 8-9 * * *", null, "2026-11-24T08:35:00Z", "2026-11-24T09:05:00Z")]
    [InlineData("10/20 * * * *", null, "2026-11-24T08:51:00Z", "2026-11-24T09:10:00Z")]
    [InlineData("0 12 * JAN,jul sun", null, "2026-11-23T22:00:00Z", "2027-01-03T12:00:00Z")]
    [InlineData("? ? ? ? ?", null, "2026-11-23T22:00:00Z", "2026-11-23T22:01:00Z")]

    // Macros.
    [InlineData("@hourly", null, "2026-11-23T22:10:00Z", "2026-11-23T23:00:00Z")]
    [InlineData("@daily", null, "2026-11-23T22:00:00Z", "2026-11-24T00:00:00Z")]
    [InlineData("@midnight", "Europe/Berlin", "2026-11-23T22:00:00Z", "2026-11-23T23:00:00Z")]
    [InlineData("@weekly", null, "2026-11-23T22:00:00Z", "2026-11-29T00:00:00Z")]
    [InlineData("@monthly", null, "2026-11-23T22:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("@yearly", null, "2026-11-23T22:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("@annually", null, "2026-11-23T22:00:00Z", "2027-01-01T00:00:00Z")]

    // The zone prefix kube's parser accepts, in place of spec.timeZone.
    [InlineData("CRON_TZ=America/New_York 0 9 * * *", null, "2026-11-23T22:00:00Z", "2026-11-24T14:00:00Z")]
    [InlineData("TZ=Asia/Tokyo 30 8 * * *", null, "2026-11-23T22:00:00Z", "2026-11-23T23:30:00Z")]

    // Day of month and day of week: either open means both must match; both restricted means either may.
    [InlineData("0 0 1 * *", null, "2026-11-24T00:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("0 0 1 * 1", null, "2026-11-24T00:00:00Z", "2026-11-30T00:00:00Z")]
    [InlineData("0 0 */2 * 1", null, "2026-11-23T22:00:00Z", "2026-11-25T00:00:00Z")]
    [InlineData("0 0 * * 1", null, "2026-11-24T00:00:00Z", "2026-11-30T00:00:00Z")]

    // Daylight saving: a wall-clock time in the spring gap is skipped; one in the repeated autumn hour fires twice.
    [InlineData("0 2 * * *", "America/New_York", "2026-03-08T05:00:00Z", "2026-03-09T06:00:00Z")]
    [InlineData("30 2 * * *", "America/New_York", "2026-03-08T05:00:00Z", "2026-03-09T06:30:00Z")]
    [InlineData("0 * * * *", "America/New_York", "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z")]
    [InlineData("0 1 * * *", "America/New_York", "2026-11-01T04:30:00Z", "2026-11-01T05:00:00Z")]
    [InlineData("0 1 * * *", "America/New_York", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z")]
    [InlineData("30 1 * * *", "America/New_York", "2026-11-01T05:45:00Z", "2026-11-01T06:30:00Z")]
    [InlineData("0 1 * * *", "America/New_York", "2026-11-01T06:00:00Z", "2026-11-02T06:00:00Z")]
    [InlineData("0 9 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-29T07:00:00Z")]
    [InlineData("0 9 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", "2026-10-25T08:00:00Z")]
    public void Next_fire_is_the_first_wall_clock_match_after_the_instant(string schedule, string? zone, string after, string expected)
    {
        var parsed = CronJobSchedule.Parse(schedule, zone);

        parsed.IsValid.ShouldBeTrue(parsed.Error);
        parsed.Value.NextAfter(At(after)).ShouldBe(At(expected));
    }

    [Theory]
    [InlineData("0 7 * * *", "2026-11-24T07:00:00Z", "2026-11-24T07:00:00Z")]
    [InlineData("*/15 * * * *", "2026-11-24T07:00:00Z", "2026-11-24T07:00:00Z")]
    [InlineData("0 2 * * *", "2026-11-24T07:00:00Z", "2026-11-25T02:00:00Z")]
    public void At_or_after_counts_a_fire_at_the_instant_itself(string schedule, string at, string expected) =>
        CronJobSchedule.Parse(schedule, null).Value.NextAtOrAfter(At(at)).ShouldBe(At(expected));

    [Fact]
    public void A_schedule_with_no_date_parses_and_never_fires() =>
        CronJobSchedule.Parse("0 0 30 2 *", null).Value.NextAfter(At("2026-11-23T22:00:00Z")).ShouldBeNull();

    [Theory]
    [InlineData("", null, "the schedule is empty")]
    [InlineData("* * * *", null, "expected 5 fields")]
    [InlineData("0 0 * * * *", null, "expected 5 fields")]
    [InlineData("61 * * * *", null, "minute \"61\": outside 0-59")]
    [InlineData("0 24 * * *", null, "hour \"24\": outside 0-23")]
    [InlineData("0 0 0 * *", null, "day of month \"0\": outside 1-31")]
    [InlineData("0 0 * 13 *", null, "month \"13\": outside 1-12")]
    [InlineData("0 0 * * 7", null, "day of week \"7\": outside 0-6")]
    [InlineData("0 0 * * funday", null, "day of week \"funday\": not a number or a name")]
    [InlineData("5-1 * * * *", null, "minute \"5-1\": outside 0-59")]
    [InlineData("*/0 * * * *", null, "the step must be a positive number")]
    [InlineData("1-2-3 * * * *", null, "too many hyphens")]
    [InlineData("1/2/3 * * * *", null, "too many slashes")]
    [InlineData("@fortnightly", null, "unsupported macro \"@fortnightly\"")]
    [InlineData("0 0 * * *", "Mars/Olympus", "unknown time zone \"Mars/Olympus\"")]
    [InlineData("TZ=Nowhere/Town 0 0 * * *", null, "unknown time zone \"Nowhere/Town\"")]
    [InlineData("TZ=Europe/Berlin", null, "names a time zone but no schedule")]
    [InlineData("CRON_TZ=Europe/Berlin 0 0 * * *", "Europe/Berlin", "cannot be used together")]
    public void A_schedule_the_controller_rejects_is_invalid_and_says_why(string schedule, string? zone, string why)
    {
        var parsed = CronJobSchedule.Parse(schedule, zone);

        parsed.IsValid.ShouldBeFalse();
        parsed.Error.ShouldContain(why);
    }
}
