using CsCheck;
using NodaTime;
using Tarnfui.Cli.Cluster.Targets;

namespace Tarnfui.Cli.Tests.Cluster;

public class DurationTextTests
{
    public static TheoryData<string, string, long> Valid => new()
    {
        { "minutes alone", "90m", 90 * 60 },
        { "hours alone", "2h", 2 * 3600 },
        { "hours and minutes", "1h30m", 5400 },
        { "seconds", "45s", 45 },
        { "days", "1d", 86_400 },
        { "every unit in order", "1d2h3m4s", 86_400 + 7200 + 180 + 4 },
        { "surrounding spaces are ignored", " 2h ", 7200 },
        { "a year is the longest wake", "366d", 366L * 86_400 },
    };

    [Theory, MemberData(nameof(Valid))]
    public void Parse_reads_go_style_durations(string because, string text, long seconds) =>
        DurationText.Parse(text).Value.ShouldBe(Duration.FromSeconds(seconds), because);

    public static TheoryData<string, string?> Invalid => new()
    {
        { "unknown unit", "2x" },
        { "no unit", "90" },
        { "units out of order", "30m1h" },
        { "negative", "-2h" },
        { "fractions are not taken", "1.5h" },
        { "zero is no wake at all", "0m" },
        { "empty", "" },
        { "missing", null },
        { "longer than a year", "367d" },
        { "overflowing digits", "99999999999999999999h" },
    };

    [Theory, MemberData(nameof(Invalid))]
    public void Parse_rejects_with_an_example(string because, string? text)
    {
        var result = DurationText.Parse(text);
        result.IsValid.ShouldBeFalse(because);
        result.Error.ShouldStartWith($"invalid duration \"{text}\": use e.g. 90m, 2h, 1h30m", Case.Sensitive, because);
    }

    [Fact]
    public void Format_reads_back_through_parse() =>
        Gen.Long[1, 366L * 86_400].Sample(seconds =>
            DurationText.Parse(DurationText.Format(Duration.FromSeconds(seconds))).Value.ShouldBe(Duration.FromSeconds(seconds)));
}
