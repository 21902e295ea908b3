using System.Text.Json;

namespace Tarnfui.Cli.Tests.Schedule;

public class ScheduleNextCommandTests
{
    [Fact]
    public async Task Next_lists_transitions_in_the_spec_zone_one_per_line()
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync("schedule", "next", "Mon-Fri 07:00-19:00 Europe/Berlin", "--from", "2026-11-27T12:00:00Z", "--count", "3");
        (exit, stderr).ShouldBe((0, string.Empty));
        stdout.ShouldBe(
            "2026-11-27T19:00:00+01:00  stops matching\n" +
            "2026-11-30T07:00:00+01:00  starts matching\n" +
            "2026-11-30T19:00:00+01:00  stops matching\n");
    }

    [Fact]
    public async Task Next_starts_from_the_clock_and_lists_five_by_default()
    {
        var (exit, stdout, _) = await CliRun.RunAsync("schedule", "next", "Mon-Fri 07:00-19:00 UTC");
        exit.ShouldBe(0);
        stdout.ShouldBe(
            "2026-11-23T19:00:00Z  stops matching\n" +
            "2026-11-24T07:00:00Z  starts matching\n" +
            "2026-11-24T19:00:00Z  stops matching\n" +
            "2026-11-25T07:00:00Z  starts matching\n" +
            "2026-11-25T19:00:00Z  stops matching\n");
    }

    [Fact]
    public async Task Next_across_the_Berlin_spring_forward_shows_both_offsets()
    {
        var (exit, stdout, _) = await CliRun.RunAsync("schedule", "next", "Sat-Sun 01:00-03:30 Europe/Berlin", "--from", "2026-03-28T12:00:00Z", "-n", "2");
        exit.ShouldBe(0);
        stdout.ShouldBe(
            "2026-03-29T01:00:00+01:00  starts matching\n" +
            "2026-03-29T03:30:00+02:00  stops matching\n");
    }

    [Fact]
    public async Task Next_says_on_stderr_when_the_spec_never_flips()
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync("schedule", "next", "always");
        exit.ShouldBe(0);
        stdout.ShouldBeEmpty();
        stderr.ShouldBe("no transition within 366 days; the spec keeps matching\n");
    }

    [Fact]
    public async Task Next_says_on_stderr_when_fewer_transitions_exist_than_asked()
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync("schedule", "next", "until 2026-12-01T00:00:00Z", "--from", "2026-11-23T00:00:00Z");
        exit.ShouldBe(0);
        stdout.ShouldBe("2026-12-01T00:00:00Z  stops matching\n");
        stderr.ShouldBe("no further transition within 366 days; the spec keeps not matching\n");
    }

    [Fact]
    public async Task Next_writes_json_for_scripts()
    {
        var (exit, stdout, _) = await CliRun.RunAsync("schedule", "next", "2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00", "--from", "2026-11-27T12:00:00Z", "-o", "json");
        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        root.GetProperty("spec").GetString().ShouldBe("2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00");
        root.GetProperty("timeZone").GetString().ShouldBe("UTC");
        root.GetProperty("from").GetString().ShouldBe("2026-11-27T12:00:00Z");
        root.GetProperty("matchingAtFrom").GetBoolean().ShouldBeFalse();
        root.GetProperty("transitions").EnumerateArray()
            .Select(t => $"{t.GetProperty("at").GetString()} {t.GetProperty("matching").GetBoolean()}")
            .ShouldBe(["2026-12-23T23:00:00Z True", "2026-12-26T23:00:00Z False"]);
    }

    public static TheoryData<string, string[], string> Errors => new()
    {
        { "a count below 1", ["schedule", "next", "always", "--count", "0"],
            "error: --count must be at least 1, got 0\nRun \"kubectl tarnfui schedule next --help\" for usage.\n" },
        { "an unknown output format", ["schedule", "next", "always", "-o", "yaml"],
            "error: Argument 'yaml' not recognized. Must be one of:\n\t'text'\n\t'json'\nRun \"kubectl tarnfui schedule next --help\" for usage.\n" },
        { "an invalid --from", ["schedule", "next", "always", "--from", "2026-11-27"],
            "error: --from: \"2026-11-27\" is not an RFC 3339 instant; example: \"2026-12-24T18:00:00+01:00\"\n" },
        { "an invalid spec", ["schedule", "next", "Mon-Fri 07:00-25:00 UTC"],
            "error: \"Mon-Fri 07:00-25:00 UTC\": hour in \"25:00\" is not 00..24; example: \"Mon-Fri 07:30-20:30 Europe/Berlin\"\n" },
    };

    [Theory, MemberData(nameof(Errors))]
    public async Task Invalid_input_prints_the_error_on_stderr_and_exits_2(string because, string[] args, string expected)
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync(args);
        exit.ShouldBe(2, because);
        stdout.ShouldBeEmpty(because);
        stderr.ShouldBe(expected, because);
    }
}
