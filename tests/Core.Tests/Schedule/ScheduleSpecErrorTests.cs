using Tarnfui.Core.Schedule;

namespace Tarnfui.Core.Tests.Schedule;

public class ScheduleSpecErrorTests
{
    private const string Recurring = "; example: \"Mon-Fri 07:30-20:30 Europe/Berlin\"";
    private const string Absolute = "; example: \"2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00\"";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "a day that is not a 3-letter day", "Mon-Thur 09:00-20:00 Europe/London",
            "\"Mon-Thur 09:00-20:00 Europe/London\": day \"Thur\" is not a 3-letter day (Mon..Sun)" + Recurring },
        { "a full day name", "Monday 09:00-20:00 UTC",
            "\"Monday 09:00-20:00 UTC\": day \"Monday\" is not a 3-letter day (Mon..Sun)" + Recurring },
        { "a day range of three days", "Mon-Wed-Fri 09:00-17:00 UTC",
            "\"Mon-Wed-Fri 09:00-17:00 UTC\": day range \"Mon-Wed-Fri\" is not Ddd or Ddd-Ddd" + Recurring },
        { "a day range missing its end", "Mon- 09:00-17:00 UTC",
            "\"Mon- 09:00-17:00 UTC\": a day is missing around \"-\" (Mon..Sun)" + Recurring },
        { "a one-digit hour", "Mon-Fri 7:00-19:00 UTC",
            "\"Mon-Fri 7:00-19:00 UTC\": time \"7:00\" is not HH:MM (two-digit hour and minute)" + Recurring },
        { "an hour past 24", "Mon-Fri 07:00-25:00 UTC",
            "\"Mon-Fri 07:00-25:00 UTC\": hour in \"25:00\" is not 00..24" + Recurring },
        { "a minute past 59", "Mon-Fri 07:60-19:00 UTC",
            "\"Mon-Fri 07:60-19:00 UTC\": minute in \"07:60\" is not 00..59" + Recurring },
        { "24 with minutes", "Mon-Fri 20:00-24:30 UTC",
            "\"Mon-Fri 20:00-24:30 UTC\": \"24:30\" is past the end of the day (24:00 is the latest)" + Recurring },
        { "24:00 as a start", "Mon-Fri 24:00-06:00 UTC",
            "\"Mon-Fri 24:00-06:00 UTC\": 24:00 is only valid as the end of a window (start at 00:00 instead)" + Recurring },
        { "a time without an end", "Mon-Fri 07:00 UTC",
            "\"Mon-Fri 07:00 UTC\": time range \"07:00\" is not HH:MM-HH:MM" + Recurring },
        { "a day range without a time range", "Mon-Fri Europe/Berlin",
            "\"Mon-Fri Europe/Berlin\": no time range HH:MM-HH:MM" + Recurring },
        { "an unknown zone", "Mon-Fri 07:00-19:00 Europe/Paaris",
            "\"Mon-Fri 07:00-19:00 Europe/Paaris\": time zone \"Europe/Paaris\" is not a tzdb zone id" + Recurring },
        { "an abbreviation is not a tzdb zone", "Mon-Fri 07:00-19:00 CEST",
            "\"Mon-Fri 07:00-19:00 CEST\": time zone \"CEST\" is not a tzdb zone id" + Recurring },
        { "no zone and no default zone", "Mon-Fri 07:00-19:00",
            "\"Mon-Fri 07:00-19:00\": no time zone, and no default time zone is configured" + Recurring },
        { "no days and no default weekframe", "07:00-19:00 UTC",
            "\"07:00-19:00 UTC\": no day range, and no default weekframe is configured" + Recurring },
        { "a word after the zone", "Mon-Fri 07:00-19:00 Europe/Berlin daily",
            "\"Mon-Fri 07:00-19:00 Europe/Berlin daily\": unexpected \"daily\" after the time zone" + Recurring },
        { "days after the time range", "07:00-19:00 Mon-Fri",
            "\"07:00-19:00 Mon-Fri\": the day range \"Mon-Fri\" goes before the time range" + Recurring },
        { "two day ranges", "Mon-Fri Sat 07:00-19:00 UTC",
            "\"Mon-Fri Sat 07:00-19:00 UTC\": expected one day range before the time range, got \"Mon-Fri Sat\"" + Recurring },
        { "an unknown word", "weekdays",
            "\"weekdays\": is not always, never, a recurring window, an absolute range, from or until" + Recurring },
        { "an empty spec", "",
            "\"\": the spec is empty" + Recurring },
        { "a blank spec", "   ",
            "\"   \": the spec is empty" + Recurring },
        { "a trailing comma", "Mon-Fri 07:00-19:00 UTC,",
            "\"Mon-Fri 07:00-19:00 UTC,\": part 2 of 2 is empty (parts are separated by single commas); example: \"Mon-Fri 07:30-12:00 Europe/Berlin, Mon-Fri 13:00-20:30 Europe/Berlin\"" },
        { "a double comma", "always,,never",
            "\"always,,never\": part 2 of 3 is empty (parts are separated by single commas); example: \"Mon-Fri 07:30-12:00 Europe/Berlin, Mon-Fri 13:00-20:30 Europe/Berlin\"" },
        { "the second part is the one named", "Mon-Fri 07:00-19:00 UTC, Sat 25:00-26:00 UTC",
            "\"Sat 25:00-26:00 UTC\": hour in \"25:00\" is not 00..24" + Recurring },
        { "an absolute range ending before it starts", "2026-12-27T00:00:00Z-2026-12-24T00:00:00Z",
            "\"2026-12-27T00:00:00Z-2026-12-24T00:00:00Z\": the range ends at or before it starts (2026-12-24T00:00:00Z is not after 2026-12-27T00:00:00Z)" + Absolute },
        { "an empty absolute range", "2026-12-24T00:00:00Z-2026-12-24T01:00:00+01:00",
            "\"2026-12-24T00:00:00Z-2026-12-24T01:00:00+01:00\": the range ends at or before it starts (2026-12-24T01:00:00+01:00 is not after 2026-12-24T00:00:00Z)" + Absolute },
        { "an absolute range with a bad month", "2026-13-01T00:00:00Z-2026-12-24T00:00:00Z",
            "\"2026-13-01T00:00:00Z-2026-12-24T00:00:00Z\": is not an absolute range <start>-<end> of two RFC 3339 instants (YYYY-MM-DDTHH:MM:SS with Z or ±HH:MM)" + Absolute },
        { "an absolute range without offsets", "2026-12-24T00:00:00-2026-12-25T00:00:00",
            "\"2026-12-24T00:00:00-2026-12-25T00:00:00\": is not an absolute range <start>-<end> of two RFC 3339 instants (YYYY-MM-DDTHH:MM:SS with Z or ±HH:MM)" + Absolute },
        { "an absolute range whose end is a date", "2026-12-24T00:00:00Z-2026-12-25",
            "\"2026-12-24T00:00:00Z-2026-12-25\": end \"2026-12-25\" is not an RFC 3339 instant" + Absolute },
        { "an absolute range without seconds", "2026-12-24T00:00Z-2026-12-25T00:00Z",
            "\"2026-12-24T00:00Z-2026-12-25T00:00Z\": is not an absolute range <start>-<end> of two RFC 3339 instants (YYYY-MM-DDTHH:MM:SS with Z or ±HH:MM)" + Absolute },
        { "from without an instant", "from",
            "\"from\": \"from\" takes exactly one RFC 3339 instant; example: \"from 2026-12-24T18:00:00+01:00\"" },
        { "from with a date", "from 2026-12-24",
            "\"from 2026-12-24\": \"2026-12-24\" is not an RFC 3339 instant; example: \"from 2026-12-24T18:00:00+01:00\"" },
        { "until with two words", "Until tomorrow morning",
            "\"Until tomorrow morning\": \"until\" takes exactly one RFC 3339 instant; example: \"until 2026-12-24T18:00:00+01:00\"" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Invalid_specs_name_the_part_the_rule_and_an_example(string because, string spec, string message)
    {
        var parsed = ScheduleSpec.Parse(spec);
        parsed.IsValid.ShouldBeFalse(because);
        parsed.Error.ShouldBe(message, because);
    }

    [Fact]
    public void Every_example_in_a_message_is_itself_valid()
    {
        string[] examples =
        [
            "Mon-Fri 07:30-20:30 Europe/Berlin",
            "2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00",
            "from 2026-12-24T18:00:00+01:00",
            "until 2026-12-24T18:00:00+01:00",
            "Mon-Fri 07:30-12:00 Europe/Berlin, Mon-Fri 13:00-20:30 Europe/Berlin",
        ];
        foreach (var example in examples)
        {
            ScheduleSpec.Parse(example).Error.ShouldBeNull(example);
        }
    }

    public static TheoryData<string, string?, string?, string> DefaultCases => new()
    {
        { "an unknown default zone", "Mars/Olympus", null, "default time zone \"Mars/Olympus\" is not a tzdb zone id; example: \"Europe/Berlin\"" },
        { "a default weekframe with a long day", null, "Monday-Friday", "default weekframe \"Monday-Friday\": day \"Monday\" is not a 3-letter day (Mon..Sun); example: \"Mon-Fri\"" },
    };

    [Theory, MemberData(nameof(DefaultCases))]
    public void Invalid_defaults_name_the_value(string because, string? zone, string? weekframe, string message) =>
        ScheduleDefaults.Create(zone, weekframe).Error.ShouldBe(message, because);

    [Fact]
    public void Blank_defaults_are_no_defaults()
    {
        var defaults = ScheduleDefaults.Create(" ", "").Value;
        defaults.TimeZone.ShouldBeNull();
        defaults.Weekframe.ShouldBeNull();
    }

    [Fact]
    public void Valid_defaults_keep_the_zone_and_the_weekframe()
    {
        var defaults = ScheduleDefaults.Create("Europe/Berlin", "Mon-Fri").Value;
        defaults.TimeZone!.Id.ShouldBe("Europe/Berlin");
        defaults.Weekframe.ShouldBe("Mon-Fri");
    }
}
