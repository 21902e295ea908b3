using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Deploy.Tests.Infrastructure;
using Tarnfui.Emulator.Server;
using Tarnfui.Sweeper;

namespace Tarnfui.Deploy.Tests.Logging;

/// <summary>
/// The sweeper logs as the webhook does, for the cluster's log collector: every console line is one JSON object,
/// and the lines a sweep writes carry its SweepId in their scopes. The built program runs one sweep, as a process,
/// against the emulated API server.
/// </summary>
public sealed class SweeperLogTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_console_line_is_a_JSON_object_and_a_sweeps_lines_carry_its_id()
    {
        var sweep = await SweepOnceAsync();

        sweep.StandardError.ShouldBeEmpty(sweep.Describe("the sweeper --once"));
        var lines = JsonLogLines.Parse(sweep.StandardOutput);
        var stopped = lines.Single(l => l.Message().StartsWith("Stopped Deployment shop/web", StringComparison.Ordinal));
        var finished = lines.Single(l => l.Message().StartsWith("Sweep finished", StringComparison.Ordinal));
        var sweepId = stopped.Scoped("SweepId").ShouldNotBeNull(sweep.StandardOutput);
        sweepId.ShouldMatch("^[0-9a-f]{12}$");
        finished.Scoped("SweepId").ShouldBe(sweepId);
    }

    [Fact]
    public async Task Logging_Console_FormatterName_simple_writes_lines_for_a_person_instead()
    {
        // As the chart's logFormat value sets it: through the environment, the way both programs read their settings.
        var sweep = await SweepOnceAsync(("TARNFUI_Logging__Console__FormatterName", "simple"));

        var lines = sweep.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldNotBeEmpty(sweep.Describe("the sweeper --once"));
        lines.ShouldAllBe(l => !l.TrimStart().StartsWith('{'), sweep.Describe("the sweeper --once"));
        lines.ShouldContain(l => l.Contains("Stopped Deployment shop/web", StringComparison.Ordinal), sweep.Describe("the sweeper --once"));
    }

    // The built sweeper, as a process, runs one off-hours sweep of a cluster whose one Deployment runs.
    private static async Task<ProcessResult> SweepOnceAsync(params (string Name, string Value)[] environment)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Instant.FromUtc(2026, 11, 23, 21, 0), Speed = 0 });
        using var admin = server.CreateClient();
        using var work = new TemporaryDirectory();
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } });
        await admin.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "shop");
        await server.Controllers.SettledAsync(Bound);
        var variables = new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = server.WriteKubeconfig(work.Combine("kubeconfig"), EmulatorUsers.Sweeper),
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var sweep = await ProcessRunner.RunAsync(
            "dotnet", [typeof(SweeperApp).Assembly.Location, "--once", "--urls=http://127.0.0.1:0", "--Schedule:Uptime=never", "--Sweeper:DryRun=false"], Bound,
            environment: variables);
        sweep.ExitCode.ShouldBe(0, sweep.Describe("the sweeper --once"));
        return sweep;
    }

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = 2,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
            },
        },
    };
}
