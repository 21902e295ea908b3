using NodaTime;
using Tarnfui.Cli.Cluster.Targets;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary><c>--for</c>: Go's grammar (tested in Core) bounded to a wake-up's length.</summary>
public class DurationTextTests
{
    public static TheoryData<string, string, long> Valid => new()
    {
        { "minutes alone", "90m", 90 * 60 },
        { "hours and minutes", "1h30m", 5400 },
        { "a fraction of an hour", "1.5h", 5400 },
        { "surrounding spaces are ignored", " 2h ", 7200 },
        { "a year is the longest wake", "8784h", 366L * 86_400 },
    };

    [Theory, MemberData(nameof(Valid))]
    public void Parse_reads_go_durations(string because, string text, long seconds) =>
        DurationText.Parse(text).Value.ShouldBe(Duration.FromSeconds(seconds), because);

    public static TheoryData<string, string?, string> Invalid => new()
    {
        { "unknown unit", "2x", "invalid duration \"2x\" is not a duration: unknown unit \"x\"" },
        { "days are not a Go unit", "1d", "invalid duration \"1d\" is not a duration: unknown unit \"d\"" },
        { "no unit", "90", "invalid duration \"90\" is not a duration: each number needs a unit" },
        { "empty", "", "invalid duration \"\" is not a duration: no number" },
        { "missing", null, "invalid duration \"\" is not a duration: no number" },
        { "negative", "-2h", "invalid duration \"-2h\": a wake lasts more than 0s and at most 8784h" },
        { "zero is no wake at all", "0m", "invalid duration \"0m\": a wake lasts more than 0s" },
        { "longer than a year", "8785h", "invalid duration \"8785h\": a wake lasts more than 0s and at most 8784h" },
        { "overflowing digits", "99999999999999999999h", "invalid duration \"99999999999999999999h\" is not a duration: out of range" },
    };

    [Theory, MemberData(nameof(Invalid))]
    public void Parse_rejects_naming_the_value(string because, string? text, string message)
    {
        var result = DurationText.Parse(text);
        result.IsValid.ShouldBeFalse(because);
        result.Error.ShouldStartWith(message, Case.Sensitive, because);
    }
}
