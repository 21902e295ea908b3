using Tarnfui.EndToEnd.Serve;

namespace Tarnfui.EndToEnd.Dashboard;

/// <summary><c>sandbox serve</c>'s dashboard options: a value that cannot be used exits 2 and says which, serving nothing.</summary>
public sealed class ServeDashboardOptionTests
{
    public static TheoryData<string, string[], string> BadOptions => new()
    {
        { "a port without --dashboard", ["--dashboard-port", "8080"], "--dashboard-port and --dashboard-allow-changes need --dashboard" },
        { "changes allowed without --dashboard", ["--dashboard-allow-changes"], "--dashboard-port and --dashboard-allow-changes need --dashboard" },
        { "a port out of range", ["--dashboard", "--dashboard-port", "70000"], "--dashboard-port must be 0 (any free port) to 65535, got 70000" },
    };

    [Theory, MemberData(nameof(BadOptions))]
    public async Task Serve_with_a_bad_dashboard_option_exits_2_naming_it(string because, string[] options, string message)
    {
        var (exitCode, error) = await ServeProcess.RunToExitAsync(["--speed", "0", "--no-tarnfui", .. options]);

        exitCode.ShouldBe(2, $"{because}: {error}");
        error.ShouldContain(message, Case.Sensitive, because);
    }
}
