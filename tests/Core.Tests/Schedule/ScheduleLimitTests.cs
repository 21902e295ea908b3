using System.Globalization;
using Tarnfui.Core.Schedule;

namespace Tarnfui.Core.Tests.Schedule;

/// <summary>
/// A spec beyond <see cref="ScheduleLimits"/> is invalid with a message that names the limit; a spec right at a
/// limit is valid. The schedules are built as a tenant would write them: one part per minute of the day.
/// </summary>
public class ScheduleLimitTests
{
    private const string ListExample = "; example: \"Mon-Fri 07:30-12:00 Europe/Berlin, Mon-Fri 13:00-20:30 Europe/Berlin\"";
    private const string PartsAdvice = " (merge adjacent windows into one: Mon-Fri 07:30-20:30, not a part per hour)";
    private const string LengthAdvice = " (one part per window: Mon-Fri 07:30-20:30, not a part per hour)";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "one part over the limit", MinuteParts(ScheduleLimits.MaxParts + 1),
            $"\"{Excerpt(MinuteParts(ScheduleLimits.MaxParts + 1))}\": the spec has 101 parts, more than the limit of 100 parts per spec" + PartsAdvice + ListExample },
        { "the issue's 1,000 one-minute parts are too long before they are too many", MinuteParts(1_000),
            $"\"{Excerpt(MinuteParts(1_000))}\": the spec is 24998 characters long, more than the limit of 8192 characters per spec" + LengthAdvice + ListExample },
        { "one character over the limit, in a single part", Padded(ScheduleLimits.MaxLength + 1),
            $"\"{Excerpt(Padded(ScheduleLimits.MaxLength + 1))}\": the spec is 8193 characters long, more than the limit of 8192 characters per spec" + LengthAdvice + ListExample },
        { "an annotation as large as the API server stores", Padded(256 * 1024),
            $"\"{Excerpt(Padded(256 * 1024))}\": the spec is 262144 characters long, more than the limit of 8192 characters per spec" + LengthAdvice + ListExample },
        { "empty parts count: commas alone are over the limit", new string(',', ScheduleLimits.MaxParts),
            $"\"{Excerpt(new string(',', ScheduleLimits.MaxParts))}\": the spec has 101 parts, more than the limit of 100 parts per spec" + PartsAdvice + ListExample },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Specs_beyond_a_limit_are_invalid_and_the_message_names_the_limit(string because, string spec, string message)
    {
        var parsed = ScheduleSpec.Parse(spec);
        parsed.IsValid.ShouldBeFalse(because);
        parsed.Error.ShouldBe(message, because);
    }

    public static TheoryData<string, string> AtTheLimit => new()
    {
        { "as many parts as allowed", MinuteParts(ScheduleLimits.MaxParts) },
        { "as many characters as allowed", Padded(ScheduleLimits.MaxLength) },
        { "as many absolute ranges with offsets as allowed", string.Join(", ", Enumerable.Repeat(AbsoluteRange, ScheduleLimits.MaxParts)) },
    };

    [Theory, MemberData(nameof(AtTheLimit))]
    public void Specs_at_a_limit_are_valid(string because, string spec) =>
        ScheduleSpec.Parse(spec).Error.ShouldBeNull(because);

    private const string AbsoluteRange = "2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00";

    // "Mon-Sun 00:00-00:01 UTC, Mon-Sun 00:01-00:02 UTC, …": a part per minute, as in issue 14.
    internal static string MinuteParts(int count, string zone = "UTC") =>
        string.Join(", ", Enumerable.Range(0, count).Select(minute => $"Mon-Sun {Clock(minute)}-{Clock(minute + 1)} {zone}"));

    // One valid part, blanks between its words up to the length wanted.
    private static string Padded(int length)
    {
        const string Days = "Mon-Fri";
        const string Rest = " 07:00-19:00 UTC";
        return Days + new string(' ', length - Days.Length - Rest.Length) + Rest;
    }

    // The message quotes the first 40 characters: the spec itself could fill an Event.
    private static string Excerpt(string spec) => spec[..40] + "…";

    private static string Clock(int minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{minute % 1440 / 60:00}:{minute % 60:00}");
}
