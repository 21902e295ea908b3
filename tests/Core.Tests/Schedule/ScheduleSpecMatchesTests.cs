using Tarnfui.Core.Schedule;
using static Tarnfui.Core.Tests.Schedule.Instants;

namespace Tarnfui.Core.Tests.Schedule;

// 2026-11-23 is a Monday. 2026 DST: Europe/Berlin 03-29 02:00 -> 03:00 and 10-25 03:00 -> 02:00 (both 01:00Z);
// America/New_York 03-08 02:00 -> 03:00 (07:00Z) and 11-01 02:00 -> 01:00 (06:00Z).
public class ScheduleSpecMatchesTests
{
    public static TheoryData<string, string, string, bool> Cases => new()
    {
        { "a working day at the exact start", "Mon-Fri 07:30-20:30 Europe/Berlin", "2026-11-23T07:30:00+01:00", true },
        { "the end of a window is excluded", "Mon-Fri 07:30-20:30 Europe/Berlin", "2026-11-23T20:30:00+01:00", false },
        { "a second before the start", "Mon-Fri 07:30-20:30 Europe/Berlin", "2026-11-23T07:29:59+01:00", false },
        { "the instant is taken to the zone's local time", "Mon-Fri 07:30-20:30 Europe/Berlin", "2026-11-23T06:30:00Z", true },
        { "a Saturday is outside Mon-Fri", "Mon-Fri 07:30-20:30 Europe/Berlin", "2026-11-28T12:00:00+01:00", false },
        { "Sun-Thu wraps to include Sunday", "Sun-Thu 09:00-17:00 UTC", "2026-11-29T10:00:00Z", true },
        { "Sun-Thu includes Thursday", "Sun-Thu 09:00-17:00 UTC", "2026-11-26T10:00:00Z", true },
        { "Sun-Thu leaves out Friday", "Sun-Thu 09:00-17:00 UTC", "2026-11-27T10:00:00Z", false },
        { "Sun-Thu leaves out Saturday", "Sun-Thu 09:00-17:00 UTC", "2026-11-28T10:00:00Z", false },
        { "Fri-Mon includes Saturday", "Fri-Mon 09:00-17:00 UTC", "2026-11-28T10:00:00Z", true },
        { "Fri-Mon includes Monday", "Fri-Mon 09:00-17:00 UTC", "2026-11-23T10:00:00Z", true },
        { "Fri-Mon leaves out Tuesday", "Fri-Mon 09:00-17:00 UTC", "2026-11-24T10:00:00Z", false },
        { "Fri-Mon leaves out Thursday", "Fri-Mon 09:00-17:00 UTC", "2026-11-26T10:00:00Z", false },
        { "a single day", "Wed 09:00-17:00 UTC", "2026-11-25T10:00:00Z", true },
        { "a single day leaves out the next", "Wed 09:00-17:00 UTC", "2026-11-26T10:00:00Z", false },
        { "Mon-Sun is every day", "Mon-Sun 09:00-17:00 UTC", "2026-11-29T10:00:00Z", true },
        { "an overnight window runs past midnight", "Fri 22:00-06:00 UTC", "2026-11-28T03:00:00Z", true },
        { "an overnight window starts on its listed day", "Fri 22:00-06:00 UTC", "2026-11-27T23:00:00Z", true },
        { "an overnight window ends at its end time", "Fri 22:00-06:00 UTC", "2026-11-28T06:00:00Z", false },
        { "an overnight window has not started before its start", "Fri 22:00-06:00 UTC", "2026-11-27T21:59:59Z", false },
        { "an overnight window does not run into the listed day's morning", "Fri 22:00-06:00 UTC", "2026-11-27T03:00:00Z", false },
        { "Monday 03:00 belongs to no Mon-Fri night", "Mon-Fri 22:00-06:00 UTC", "2026-11-23T03:00:00Z", false },
        { "Saturday 03:00 belongs to Friday's night", "Mon-Fri 22:00-06:00 UTC", "2026-11-28T03:00:00Z", true },
        { "Tuesday 03:00 belongs to Monday's night", "Mon-Fri 22:00-06:00 UTC", "2026-11-24T03:00:00Z", true },
        { "Saturday evening starts no night", "Mon-Fri 22:00-06:00 UTC", "2026-11-28T23:00:00Z", false },
        { "a Sunday night runs into Monday across the week end", "Sun 22:00-02:00 UTC", "2026-11-23T01:00:00Z", true },
        { "24:00 ends a window at midnight, last second", "Mon 20:00-24:00 UTC", "2026-11-23T23:59:59Z", true },
        { "24:00 is the next day's midnight, excluded", "Mon 20:00-24:00 UTC", "2026-11-24T00:00:00Z", false },
        { "00:00-24:00 is the whole day", "Mon 00:00-24:00 UTC", "2026-11-23T00:00:00Z", true },
        { "00:00-24:00 is not the day before", "Mon 00:00-24:00 UTC", "2026-11-22T23:59:59Z", false },
        { "from == to never matches", "Mon-Sun 08:00-08:00 UTC", "2026-11-23T08:00:00Z", false },
        { "from == to never matches later in the day", "Mon-Sun 08:00-08:00 UTC", "2026-11-23T12:00:00Z", false },
        { "Etc/GMT+1 is one hour behind UTC (POSIX sign)", "Mon-Fri 09:00-17:00 Etc/GMT+1", "2026-11-23T09:30:00Z", false },
        { "Etc/GMT+1 at local 09:00", "Mon-Fri 09:00-17:00 Etc/GMT+1", "2026-11-23T10:00:00Z", true },
        { "Etc/GMT-14 is already Monday", "Mon 00:00-01:00 Etc/GMT-14", "2026-11-22T10:00:00Z", true },
        { "a zone with dashes", "Mon 09:00-10:00 America/Port-au-Prince", "2026-11-23T14:30:00Z", true },
        { "a zone with three segments and an underscore", "Mon 09:00-10:00 America/Argentina/Buenos_Aires", "2026-11-23T12:30:00Z", true },
        { "a zone with a plus", "Mon 09:00-10:00 Etc/GMT+12", "2026-11-23T21:30:00Z", true },
        { "Berlin spring forward: 01:59:59 local is before a 02:30 start", "Sun 02:30-04:00 Europe/Berlin", "2026-03-29T00:59:59Z", false },
        { "Berlin spring forward: the clock jumps to 03:00, inside the window", "Sun 02:30-04:00 Europe/Berlin", "2026-03-29T01:00:00Z", true },
        { "Berlin fall back: first 02:30 (+02:00)", "Sun 02:30-04:00 Europe/Berlin", "2026-10-25T00:30:00Z", true },
        { "Berlin fall back: the clock goes back to 02:00 (+01:00)", "Sun 02:30-04:00 Europe/Berlin", "2026-10-25T01:00:00Z", false },
        { "Berlin fall back: second 02:30 (+01:00)", "Sun 02:30-04:00 Europe/Berlin", "2026-10-25T01:30:00Z", true },
        { "Berlin summer time moves working hours an hour earlier in UTC", "Mon-Fri 07:00-19:00 Europe/Berlin", "2026-03-30T05:00:00Z", true },
        { "Berlin winter time", "Mon-Fri 07:00-19:00 Europe/Berlin", "2026-03-23T05:30:00Z", false },
        { "New York spring forward: a window inside the gap never shows", "Sun 02:00-03:00 America/New_York", "2026-03-08T06:59:59Z", false },
        { "New York spring forward: after the gap", "Sun 02:00-03:00 America/New_York", "2026-03-08T07:00:00Z", false },
        { "New York fall back: first 01:30 (EDT)", "Sun 01:30-02:30 America/New_York", "2026-11-01T05:30:00Z", true },
        { "New York fall back: back to 01:00 (EST)", "Sun 01:30-02:30 America/New_York", "2026-11-01T06:00:00Z", false },
        { "New York fall back: second 01:30 (EST)", "Sun 01:30-02:30 America/New_York", "2026-11-01T06:30:00Z", true },
        { "New York fall back: 02:30 EST ends it", "Sun 01:30-02:30 America/New_York", "2026-11-01T07:30:00Z", false },
        { "New York daylight time", "Mon-Fri 09:00-17:00 America/New_York", "2026-03-09T13:00:00Z", true },
        { "New York standard time", "Mon-Fri 09:00-17:00 America/New_York", "2026-03-02T13:00:00Z", false },
        { "an absolute range at its exact start", "2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00", "2026-12-23T23:00:00Z", true },
        { "an absolute range a nanosecond before its start", "2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00", "2026-12-23T22:59:59.999999999Z", false },
        { "an absolute range at its exact end", "2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00", "2026-12-26T23:00:00Z", false },
        { "an absolute range a nanosecond before its end", "2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00", "2026-12-26T22:59:59.999999999Z", true },
        { "an absolute range with negative offsets", "2026-12-24T00:00:00-05:00-2026-12-25T00:00:00-05:00", "2026-12-24T05:00:00Z", true },
        { "an absolute range in Z with fractions and lower case", "2026-12-24t00:00:00.5z-2026-12-25T00:00:00Z", "2026-12-24T00:00:00.5Z", true },
        { "an absolute range with spaces around the dash", "2026-12-24T00:00:00Z - 2026-12-25T00:00:00Z", "2026-12-24T12:00:00Z", true },
        { "from includes its instant", "from 2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z", true },
        { "from excludes what is before", "from 2026-12-01T00:00:00Z", "2026-11-30T23:59:59Z", false },
        { "until excludes its instant", "until 2026-12-01T00:00:00+01:00", "2026-11-30T23:00:00Z", false },
        { "until includes what is before", "until 2026-12-01T00:00:00+01:00", "2026-11-30T22:59:59Z", true },
        { "always", "always", "2026-11-23T00:00:00Z", true },
        { "never", "never", "2026-11-23T00:00:00Z", false },
        { "keywords are case-insensitive", "ALWAYS", "2026-11-23T00:00:00Z", true },
        { "From/Until keywords are case-insensitive", "FROM 2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", true },
        { "days are case-insensitive", "mon-FRI 07:00-19:00 UTC", "2026-11-23T08:00:00Z", true },
        { "zones are case-insensitive, as in kube-downscaler", "Mon-Fri 07:00-19:00 europe/berlin", "2026-11-23T06:30:00Z", true },
        { "a list matches when its second part does", "Mon 09:00-10:00 UTC, 2026-11-24T00:00:00Z-2026-11-25T00:00:00Z", "2026-11-24T12:00:00Z", true },
        { "a list matches when its first part does", "Mon 09:00-10:00 UTC,never", "2026-11-23T09:00:00Z", true },
        { "a list matches when no part does", "Mon 09:00-10:00 UTC, Tue 09:00-10:00 UTC", "2026-11-25T09:00:00Z", false },
        { "blanks around parts and tokens are ignored", "  Mon-Fri   07:00-19:00\tUTC , never ", "2026-11-23T08:00:00Z", true },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Matches_follows_the_table(string because, string spec, string at, bool expected)
    {
        var parsed = ScheduleSpec.Parse(spec);
        parsed.Error.ShouldBeNull(because);
        parsed.Value.Matches(At(at)).ShouldBe(expected, because);
    }

    public static TheoryData<string, string, string?, string?, string, bool> DefaultCases => new()
    {
        { "both defaults fill a bare window", "07:00-19:00", "Europe/Berlin", "Mon-Fri", "2026-11-23T06:30:00Z", true },
        { "the default weekframe leaves out Saturday", "07:00-19:00", "Europe/Berlin", "Mon-Fri", "2026-11-28T06:30:00Z", false },
        { "the default zone applies to a part with days", "Sat 10:00-12:00", "Europe/Berlin", null, "2026-11-28T09:30:00Z", true },
        { "the default weekframe applies to a part with a zone", "07:00-19:00 UTC", null, "Sat-Sun", "2026-11-29T07:00:00Z", true },
        { "a part's own zone wins over the default", "Mon 07:00-19:00 UTC", "Europe/Berlin", null, "2026-11-23T18:30:00Z", true },
        { "a part's own days win over the default", "Sat 07:00-19:00", "UTC", "Mon-Fri", "2026-11-28T08:00:00Z", true },
        { "a wrapping default weekframe", "07:00-19:00", "UTC", "Fri-Mon", "2026-11-29T08:00:00Z", true },
    };

    [Theory, MemberData(nameof(DefaultCases))]
    public void Missing_days_and_zone_take_the_defaults(string because, string spec, string? zone, string? weekframe, string at, bool expected)
    {
        var defaults = ScheduleDefaults.Create(zone, weekframe).Value;
        var parsed = ScheduleSpec.Parse(spec, defaults);
        parsed.Error.ShouldBeNull(because);
        parsed.Value.Matches(At(at)).ShouldBe(expected, because);
    }

    [Fact]
    public void Text_is_the_spec_as_written()
    {
        ScheduleSpec.Parse(" Mon-Fri 07:00-19:00 UTC ").Value.Text.ShouldBe(" Mon-Fri 07:00-19:00 UTC ");
    }
}
