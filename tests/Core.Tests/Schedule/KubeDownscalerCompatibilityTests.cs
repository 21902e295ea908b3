using Tarnfui.Core.Schedule;
using static Tarnfui.Core.Tests.Schedule.Instants;

namespace Tarnfui.Core.Tests.Schedule;

// Specs written for kube-downscaler (kube_downscaler/helper.py: TIME_SPEC_PATTERN, ABSOLUTE_TIME_SPEC_PATTERN,
// its README and error message) carry over: they parse and mean the same, except where docs/schedule.md says.
public class KubeDownscalerCompatibilityTests
{
    public static TheoryData<string, string, string, bool> Cases => new()
    {
        { "its error message's recurring example", "Mon-Fri 06:30-20:30 Europe/Berlin", "2026-11-23T06:30:00+01:00", true },
        { "its error message's absolute example", "2019-01-01T00:00:00+00:00-2019-01-02T12:34:56+00:00", "2019-01-02T00:00:00Z", true },
        { "its README default uptime with the CET zone", "Mon-Fri 07:30-20:30 CET", "2026-11-23T07:30:00+01:00", true },
        { "a whole weekend, 24:00 as the end", "Sat-Sun 00:00-24:00 CET", "2026-11-29T23:59:00+01:00", true },
        { "a Sunday-first week (wrapping range)", "Sun-Thu 08:00-17:00 Asia/Jerusalem", "2026-11-29T08:00:00+02:00", true },
        { "upper-case days (it upper-cases them)", "MON-FRI 07:30-20:30 Europe/Berlin", "2026-11-24T12:00:00+01:00", true },
        { "a list of recurring windows", "Mon-Fri 08:00-12:00 UTC, Mon-Fri 13:00-17:00 UTC", "2026-11-23T12:30:00Z", false },
        { "a single-day range written twice", "Fri-Fri 20:00-24:00 CET", "2026-11-27T21:00:00+01:00", true },
        { "the absolute range starts at its first instant", "2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00", "2026-12-24T00:00:00+01:00", true },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Its_specs_parse_and_match_the_same(string because, string spec, string at, bool expected)
    {
        var parsed = ScheduleSpec.Parse(spec);
        parsed.Error.ShouldBeNull(because);
        parsed.Value.Matches(At(at)).ShouldBe(expected, because);
    }

    [Fact]
    public void An_absolute_range_ends_before_its_last_instant_where_kube_downscaler_included_it()
    {
        // kube-downscaler: time_from <= time <= time_to. Half-open ranges join without overlap, so Tarnfui
        // excludes the end; a range ending a second later reproduces the old behaviour.
        ScheduleSpec.Parse("2026-12-24T00:00:00Z-2026-12-27T00:00:00Z").Value.Matches(At("2026-12-27T00:00:00Z")).ShouldBeFalse();
    }

    [Fact]
    public void An_overnight_window_runs_past_midnight_where_kube_downscaler_never_matched()
    {
        // kube-downscaler: minute_from <= t < minute_to is never true when from > to.
        ScheduleSpec.Parse("Mon-Fri 22:00-06:00 UTC").Value.Matches(At("2026-11-23T23:00:00Z")).ShouldBeTrue();
    }
}
