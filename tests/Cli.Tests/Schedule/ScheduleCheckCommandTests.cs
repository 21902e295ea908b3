namespace Tarnfui.Cli.Tests.Schedule;

public class ScheduleCheckCommandTests
{
    public static TheoryData<string, string[], string> Cases => new()
    {
        { "inside working hours", ["schedule", "check", "Mon-Fri 07:00-19:00 Europe/Berlin", "--at", "2026-11-23T07:00:00+01:00"], "true\n" },
        { "at the end of working hours", ["schedule", "check", "Mon-Fri 07:00-19:00 Europe/Berlin", "--at", "2026-11-23T19:00:00+01:00"], "false\n" },
        { "an overnight window on Saturday morning", ["schedule", "check", "Fri 22:00-06:00 UTC", "--at", "2026-11-28T03:00:00Z"], "true\n" },
        { "without --at, now from the clock (Monday 10:00 UTC)", ["schedule", "check", "Mon 09:00-11:00 UTC"], "true\n" },
        { "a zone-less part takes the UTC default", ["schedule", "check", "Mon 09:00-10:00", "--at", "2026-11-23T09:30:00Z"], "true\n" },
        { "a zone-less part takes --default-timezone", ["schedule", "check", "Mon 09:00-10:00", "--default-timezone", "Asia/Tokyo", "--at", "2026-11-23T09:30:00Z"], "false\n" },
        { "a day-less part takes --default-weekframe", ["schedule", "check", "09:00-10:00 UTC", "--default-weekframe", "Sat-Sun", "--at", "2026-11-29T09:30:00Z"], "true\n" },
        { "a lower-case RFC 3339 instant", ["schedule", "check", "always", "--at", "2026-11-23t09:30:00z"], "true\n" },
    };

    [Theory, MemberData(nameof(Cases))]
    public async Task Check_prints_true_or_false_and_exits_0(string because, string[] args, string expected)
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync(args);
        stderr.ShouldBeEmpty(because);
        exit.ShouldBe(0, because);
        stdout.ShouldBe(expected, because);
    }

    public static TheoryData<string, string[], string> Errors => new()
    {
        { "an invalid spec", ["schedule", "check", "Mon-Thur 09:00-20:00 Europe/London"],
            "error: \"Mon-Thur 09:00-20:00 Europe/London\": day \"Thur\" is not a 3-letter day (Mon..Sun); example: \"Mon-Fri 07:30-20:30 Europe/Berlin\"\n" },
        { "a day-less part without a default weekframe", ["schedule", "check", "09:00-10:00 UTC"],
            "error: \"09:00-10:00 UTC\": no day range, and no default weekframe is configured; example: \"Mon-Fri 07:30-20:30 Europe/Berlin\"\n" },
        { "an invalid --at", ["schedule", "check", "always", "--at", "yesterday"],
            "error: --at: \"yesterday\" is not an RFC 3339 instant; example: \"2026-12-24T18:00:00+01:00\"\n" },
        { "an invalid --default-timezone", ["schedule", "check", "always", "--default-timezone", "Mars/Olympus"],
            "error: default time zone \"Mars/Olympus\" is not a tzdb zone id; example: \"Europe/Berlin\"\n" },
        { "an invalid --default-weekframe", ["schedule", "check", "always", "--default-weekframe", "Weekdays"],
            "error: default weekframe \"Weekdays\": day \"Weekdays\" is not a 3-letter day (Mon..Sun); example: \"Mon-Fri\"\n" },
        { "no spec at all", ["schedule", "check"],
            "error: Required argument missing for command: 'check'.\nRun \"kubectl tarnfui schedule check --help\" for usage.\n" },
        { "an unknown option", ["schedule", "check", "always", "--when", "now"],
            "error: Unrecognized command or argument '--when'.\nerror: Unrecognized command or argument 'now'.\nRun \"kubectl tarnfui schedule check --help\" for usage.\n" },
    };

    [Theory, MemberData(nameof(Errors))]
    public async Task Invalid_input_prints_the_error_on_stderr_and_exits_2(string because, string[] args, string expected)
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync(args);
        exit.ShouldBe(2, because);
        stdout.ShouldBeEmpty(because);
        stderr.ShouldBe(expected, because);
    }

    [Theory]
    [InlineData("[command] [options]", "--help")]
    [InlineData("schedule [command] [options]", "schedule", "--help")]
    [InlineData("schedule check <spec> [options]", "schedule", "check", "--help")]
    [InlineData("schedule next <spec> [options]", "schedule", "next", "-h")]
    public async Task Every_command_has_help(string usage, params string[] args)
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync(args);
        (exit, stderr).ShouldBe((0, string.Empty));
        stdout.ShouldContain("Usage:");
        stdout.ShouldContain(usage);
    }
}
