using System.Diagnostics;

namespace Tarnfui.Cli.Tests.Schedule;

// The in-process tests cover the commands; this one checks that the built kubectl-tarnfui program wires them
// to the real console and exit code.
public class CliExecutableTests
{
    [Theory]
    [InlineData("Mon-Fri 07:00-19:00 Europe/Berlin", "2026-11-23T07:00:00+01:00", 0, "true")]
    [InlineData("Mon-Thur 09:00-20:00 Europe/London", "2026-11-23T07:00:00+01:00", 2, "")]
    public async Task The_built_executable_prints_the_answer_and_exits_with_its_code(string spec, string at, int expectedExit, string expectedOut)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "kubectl-tarnfui.dll");
        File.Exists(dll).ShouldBeTrue(dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "schedule", "check", spec, "--at", at })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        process.ExitCode.ShouldBe(expectedExit, await stderr);
        (await stdout).Trim().ShouldBe(expectedOut);
        if (expectedExit != 0)
        {
            (await stderr).ShouldStartWith("error: ");
        }
    }
}
