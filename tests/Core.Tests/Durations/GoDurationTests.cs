using CsCheck;
using NodaTime;
using Tarnfui.Core.Durations;

namespace Tarnfui.Core.Tests.Durations;

public class GoDurationTests
{
    public static TheoryData<string, string, long> Valid => new()
    {
        { "hours and minutes", "1h30m", 90 * 60 * 1_000_000_000L },
        { "a fraction of an hour", "1.5h", 90 * 60 * 1_000_000_000L },
        { "milliseconds, not minutes", "250ms", 250_000_000 },
        { "zero needs no unit", "0", 0 },
        { "zero with a unit", "0s", 0 },
        { "seconds", "30s", 30_000_000_000 },
        { "every unit", "1h1m1s1ms1us1ns", 3_661_001_001_001 },
        { "micro as Go's micro sign", "1\u00b5s", 1_000 },
        { "micro as the Greek letter", "1\u03bcs", 1_000 },
        { "a negative value parses; its reader refuses it", "-1m", -60_000_000_000 },
        { "an explicit plus", "+5s", 5_000_000_000 },
        { "a fraction without a whole part", ".5s", 500_000_000 },
        { "a point without a fraction", "5.s", 5_000_000_000 },
        { "units in any order, summed", "30m1h", 90 * 60 * 1_000_000_000L },
        { "a unit repeated, summed", "1m1m", 120_000_000_000 },
        { "fractions exact to the nanosecond", "0.000000001s", 1 },
        { "fraction digits past a nanosecond are dropped", "1.0000000019s", 1_000_000_001 },
        { "surrounding spaces are ignored", " 2h ", 7_200_000_000_000 },
        { "the longest duration", "2562047h47m16.854775807s", long.MaxValue },
        { "the most negative duration", "-2562047h47m16.854775808s", long.MinValue },
        { "the longest duration in nanoseconds", "9223372036854775807ns", long.MaxValue },
    };

    [Theory, MemberData(nameof(Valid))]
    public void Parse_reads_gos_grammar(string because, string text, long nanoseconds) =>
        GoDuration.Parse(text).Value.ShouldBe(Duration.FromNanoseconds(nanoseconds), because);

    public static TheoryData<string, string?, string> Invalid => new()
    {
        { "empty", "", "no number" },
        { "missing", null, "no number" },
        { "a sign alone", "-", "no number" },
        { "a number without a unit", "5", "each number needs a unit" },
        { "days are not a Go unit", "1d", "unknown unit \"d\"" },
        { "an unknown unit", "30x", "unknown unit \"x\"" },
        { "units are case-sensitive", "5S", "unknown unit \"S\"" },
        { "a unit without a number", "h", "each number needs a unit" },
        { "a point without digits", ".s", "each number needs a unit" },
        { "a space between the terms", "1h 30m", "unknown unit \"h \"" },
        { "a sign inside", "1h-30m", "unknown unit \"h-\"" },
        { ".NET's hh:mm:ss is not the grammar", "00:00:30", "unknown unit \":\"" },
        { "one nanosecond past the longest", "9223372036854775808ns", "out of range" },
        { "overflowing hours", "2562048h", "out of range" },
        { "overflowing digits", "99999999999999999999h", "out of range" },
        { "terms that overflow only together", "2562047h2562047h", "out of range" },
    };

    [Theory, MemberData(nameof(Invalid))]
    public void Parse_refuses_naming_the_value_the_reason_and_examples(string because, string? text, string reason)
    {
        var result = GoDuration.Parse(text);

        result.IsValid.ShouldBeFalse(because);
        result.Error.ShouldStartWith($"\"{text}\" is not a duration: ", Case.Sensitive, because);
        result.Error.ShouldContain(reason, Case.Sensitive, because);
        result.Error.ShouldEndWith("; write e.g. \"30s\", \"5m\" or \"1h30m\"", Case.Sensitive, because);
    }

    public static TheoryData<string, long, string> Formatted => new()
    {
        { "zero", 0, "0s" },
        { "nanoseconds", 800, "800ns" },
        { "microseconds in ASCII", 1_500, "1.5us" },
        { "milliseconds", 250_000_000, "250ms" },
        { "a fraction of a second", 1_500_000_000, "1.5s" },
        { "zero units are left out", 90 * 60 * 1_000_000_000L, "1h30m" },
        { "hours and a fraction of a second", (7_200_000_000_000) + 500_000_000, "2h0.5s" },
        { "negative", -60_000_000_000, "-1m" },
        { "the longest duration", long.MaxValue, "2562047h47m16.854775807s" },
        { "the most negative duration", long.MinValue, "-2562047h47m16.854775808s" },
    };

    [Theory, MemberData(nameof(Formatted))]
    public void Format_prints_gos_form_without_zero_units(string because, long nanoseconds, string expected) =>
        GoDuration.Format(Duration.FromNanoseconds(nanoseconds)).ShouldBe(expected, because);

    [Fact]
    public void Format_reads_back_through_parse_to_the_nanosecond() =>
        Gen.Long.Sample(nanoseconds =>
            GoDuration.Parse(GoDuration.Format(Duration.FromNanoseconds(nanoseconds))).Value.ShouldBe(Duration.FromNanoseconds(nanoseconds)));

    [Fact]
    public void Format_of_whole_seconds_reads_back_through_parse() =>
        Gen.Long[-10L * 365 * 86_400, 10L * 365 * 86_400].Sample(seconds =>
            GoDuration.Parse(GoDuration.Format(TimeSpan.FromSeconds(seconds))).Value.ShouldBe(Duration.FromSeconds(seconds)));
}
