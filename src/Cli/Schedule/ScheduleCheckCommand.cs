using System.CommandLine;
using NodaTime;

namespace Tarnfui.Cli.Schedule;

/// <summary><c>schedule check "&lt;spec&gt;" [--at &lt;RFC3339&gt;]</c>: prints <c>true</c> or <c>false</c>.</summary>
internal static class ScheduleCheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, IClock clock)
    {
        var input = new ScheduleInput();
        var at = new Option<string?>("--at")
        {
            Description = "The instant to check, RFC 3339 (2026-11-23T07:00:00+01:00); now when absent.",
            HelpName = "RFC3339",
        };
        var check = new Command("check", "Print true if the spec matches the instant, false if not (exit 0); an invalid spec or instant prints the error on stderr (exit 2).");
        input.AddTo(check);
        check.Add(at);
        check.SetAction(parseResult =>
        {
            var parsed = input.Parse(parseResult, stderr);
            var instant = ScheduleInput.InstantOf(parseResult, at, clock, stderr);
            if (parsed is not { } value || instant is null)
            {
                return CliApp.ExitUsage;
            }

            stdout.WriteLine(value.Spec.Matches(instant.Value) ? "true" : "false");
            return CliApp.ExitOk;
        });
        return check;
    }
}
