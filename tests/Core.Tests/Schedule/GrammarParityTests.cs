using NodaTime;
using Tarnfui.Core.Schedule;
using static Tarnfui.Core.Tests.Schedule.Instants;

namespace Tarnfui.Core.Tests.Schedule;

// The spellings kube-downscaler (kube_downscaler/helper.py) and GoKubeDownscaler (internal/pkg/values/timespan.go and
// its Timespans page) accept besides the strict forms docs/schedule.md teaches: each must mean exactly its strict form.
public class GrammarParityTests
{
    private static readonly Instant From = At("2024-06-24T00:00:00Z");
    private static readonly Duration Horizon = Duration.FromDays(28);

    public static TheoryData<string, string, string> Accepted => new()
    {
        { "GoKubeDownscaler's true is always", "true", "always" },
        { "its false is never, whatever the case", "FALSE", "never" },
        { "true as one part of a list", "True, Mon-Fri 07:00-19:00 UTC", "always, Mon-Fri 07:00-19:00 UTC" },
        { "from with a dash", "from-2024-07-01T12:00:00Z", "from 2024-07-01T12:00:00Z" },
        { "from with no separator", "from2024-07-01T12:00:00Z", "from 2024-07-01T12:00:00Z" },
        { "from with a dash between blanks", "from - 2024-07-01T12:00:00Z", "from 2024-07-01T12:00:00Z" },
        { "until with a dash and an offset", "until-2024-07-01T12:00:00+02:00", "until 2024-07-01T12:00:00+02:00" },
        { "until with no separator", "until2024-07-01T12:00:00Z", "until 2024-07-01T12:00:00Z" },
        { "the keyword in capitals, lower-case t and z", "FROM-2024-07-01t12:00:00z", "from 2024-07-01T12:00:00Z" },
        { "an absolute range with blanks around its dash", "2024-07-01T08:30:00Z - 2024-07-02T16:00:00+02:00", "2024-07-01T08:30:00Z-2024-07-02T16:00:00+02:00" },
        { "an absolute range with fractions of a second", "2024-07-01T08:30:00.000Z-2024-07-02T16:00:00.0+02:00", "2024-07-01T08:30:00Z-2024-07-02T16:00:00+02:00" },
        { "kube-downscaler's absolute example, offsets only", "2024-07-01T00:00:00+00:00-2024-07-02T12:34:56+00:00", "2024-07-01T00:00:00Z-2024-07-02T12:34:56Z" },
        { "lower-case days and zone", "mon-fri 07:30-20:30 europe/berlin", "Mon-Fri 07:30-20:30 Europe/Berlin" },
        { "upper-case days", "MON-FRI 07:30-20:30 Europe/Berlin", "Mon-Fri 07:30-20:30 Europe/Berlin" },
        { "several blanks and a tab between the words", "Mon-Fri   07:30-20:30\tEurope/Berlin", "Mon-Fri 07:30-20:30 Europe/Berlin" },
        { "a single day written as a range", "Fri-Fri 20:00-24:00 CET", "Fri 20:00-24:00 CET" },
        { "midnight written 00:00 as the end", "Mon-Tue 20:00-00:00 Europe/Amsterdam", "Mon-Tue 20:00-24:00 Europe/Amsterdam" },
        { "an empty window never matches", "Mon-Sun 00:00-00:00 America/New_York", "never" },
        { "parts without a blank after the comma", "Sat-Sun 00:00-24:00 CET,Fri-Fri 20:00-24:00 CET", "Sat-Sun 00:00-24:00 CET, Fri 20:00-24:00 CET" },
        { "blanks before a comma", "Mon-Fri 07:00-12:00 UTC  ,  Mon-Fri 13:00-19:00 UTC", "Mon-Fri 07:00-12:00 UTC, Mon-Fri 13:00-19:00 UTC" },
    };

    [Theory, MemberData(nameof(Accepted))]
    public void An_accepted_variant_means_its_strict_form(string because, string variant, string strict)
    {
        var parsedVariant = ScheduleSpec.Parse(variant);
        parsedVariant.Error.ShouldBeNull(because);
        var parsedStrict = ScheduleSpec.Parse(strict);
        parsedStrict.Error.ShouldBeNull(because);

        parsedVariant.Value.Matches(From).ShouldBe(parsedStrict.Value.Matches(From), because);
        TransitionsOf(parsedVariant.Value).ShouldBe(TransitionsOf(parsedStrict.Value), because);
    }

    private const string Recurring = "; example: \"Mon-Fri 07:30-20:30 Europe/Berlin\"";
    private const string FromExample = "; example: \"from 2026-12-24T18:00:00+01:00\"";
    private const string UntilExample = "; example: \"until 2026-12-24T18:00:00+01:00\"";

    public static TheoryData<string, string, string> Refused => new()
    {
        { "Go's Local zone is the machine's, not a tzdb id", "Mon-Fri 07:00-19:00 Local",
            "\"Mon-Fri 07:00-19:00 Local\": time zone \"Local\" is not a tzdb zone id" + Recurring },
        { "GoKubeDownscaler's 24 with minutes", "Mon-Fri 20:00-24:30 UTC",
            "\"Mon-Fri 20:00-24:30 UTC\": \"24:30\" is past the end of the day (24:00 is the latest)" + Recurring },
        { "two dashes after from", "from--2024-07-01T12:00:00Z",
            "\"from--2024-07-01T12:00:00Z\": \"-2024-07-01T12:00:00Z\" is not an RFC 3339 instant" + FromExample },
        { "a dash and nothing after it", "until-",
            "\"until-\": \"until\" takes exactly one RFC 3339 instant" + UntilExample },
        { "a word glued to from", "fromnow",
            "\"fromnow\": \"now\" is not an RFC 3339 instant" + FromExample },
        { "one-sided with a date only", "until-2024-07-01",
            "\"until-2024-07-01\": \"2024-07-01\" is not an RFC 3339 instant" + UntilExample },
        { "a boolean word they do not accept either", "yes",
            "\"yes\": is not always, never, a recurring window, an absolute range, from or until" + Recurring },
    };

    [Theory, MemberData(nameof(Refused))]
    public void A_variant_still_refused_says_why(string because, string spec, string message)
    {
        var parsed = ScheduleSpec.Parse(spec);
        parsed.IsValid.ShouldBeFalse(because);
        parsed.Error.ShouldBe(message, because);
    }

    private static List<ScheduleTransition> TransitionsOf(ScheduleSpec spec) => spec.TransitionsAfter(From, Horizon).ToList();
}
