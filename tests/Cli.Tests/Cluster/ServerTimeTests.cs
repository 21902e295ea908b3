using NodaTime;
using NodaTime.Testing;
using Tarnfui.Cli.Cluster;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>
/// The commands decide with the API server's time (the Date of its answers), not the workstation's: the sandbox's
/// simulated clock is at a Monday night, the workstation's at a Wednesday noon.
/// </summary>
[Collection("Sandbox")]
public class ServerTimeTests(SandboxFixture sandbox)
{
    private static readonly Instant WorkstationNoon = Instant.FromUtc(2026, 11, 25, 12, 0);

    [Fact]
    public async Task Explain_without_now_decides_at_the_cluster_time_whatever_the_workstation_clock_says()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        var skewed = new ClusterEnvironment { Clock = new FakeClock(WorkstationNoon), Variable = _ => null, Home = null };

        var run = await ClusterCli.RunAsync(skewed, "explain", "deploy/api", "-n", ns, "--kubeconfig", sandbox.Kubeconfig);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("Decision now:       off-hours: held at 0 replicas until 2026-11-24T07:00:00Z");
    }

    [Fact]
    public async Task Now_given_on_the_command_line_wins_over_the_cluster_time()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);

        var run = await sandbox.RunAsync("explain", "deploy/api", "-n", ns, "--now", "2026-11-25T12:00:00Z");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldMatch("(?m)^Decision now: +working hours", run.Out);
    }
}
