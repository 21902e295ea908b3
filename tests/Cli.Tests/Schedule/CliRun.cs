using NodaTime;
using NodaTime.Testing;

namespace Tarnfui.Cli.Tests.Schedule;

/// <summary>Runs the command tree in-process, capturing what it writes.</summary>
internal static class CliRun
{
    /// <summary>"Now" for commands run without --at/--from: Monday 2026-11-23 10:00 UTC.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 10, 0);

    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr, new FakeClock(Now));
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }
}
