using NodaTime.Testing;
using Tarnfui.Cli.Cluster;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>Usage errors are found before any connection: exit 2, a message naming the input, nothing read or changed.</summary>
public class ValidationTests
{
    // No kubeconfig anywhere: a usage error must be reported as such, not as the missing kubeconfig.
    private static readonly ClusterEnvironment Nowhere = new()
    {
        Clock = new FakeClock(TestWorkloads.Night),
        Variable = _ => null,
        Home = null,
    };

    public static TheoryData<string, string[], string> UsageErrors => new()
    {
        { "an invalid duration", ["wake", "deploy/api", "--for", "2x"], "error: invalid duration \"2x\" is not a duration: unknown unit \"x\"" },
        { "wake without a duration", ["wake", "deploy/api"], "error: wake needs --for DURATION, e.g. --for 2h" },
        { "a kind Tarnfui does not scale", ["sleep", "daemonset/agent"], "kind \"daemonset\" is not one Tarnfui stops" },
        { "a name that is not a Kubernetes name", ["explain", "deploy/Not_Valid"], "is not a valid name" },
        { "no workload chosen", ["restore"], "name at least one workload" },
        { "two ways of choosing", ["wake", "deploy/api", "--all", "--for", "1h"], "select workloads in one way" },
        { "a name across all namespaces", ["sleep", "deploy/api", "-A"], "cannot be named across all namespaces" },
        { "an unknown output format", ["status", "-o", "xml"], "unable to match a printer suitable for the output format \"xml\"" },
        { "an invalid --now", ["status", "--now", "tonight"], "invalid --now \"tonight\"" },
        { "an invalid schedule flag", ["status", "--uptime", "Mon-Fri 9-5"], "Schedule:Uptime" },
        { "an unknown flag", ["status", "--frobnicate"], "--frobnicate" },
        { "explain without a workload", ["explain"], "error:" },
    };

    [Theory, MemberData(nameof(UsageErrors))]
    public async Task Usage_errors_exit_2_before_connecting(string because, string[] args, string message)
    {
        var run = await ClusterCli.RunAsync(Nowhere, args);

        run.ExitCode.ShouldBe(2, because);
        run.Error.ShouldContain(message, Case.Sensitive, because);
        run.Error.ShouldNotContain("kubeconfig", Case.Sensitive, because);
        run.Out.ShouldBeEmpty(because);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("explain", "deploy/api")]
    [InlineData("wake", "deploy/api", "--for", "2h")]
    [InlineData("sleep", "sts/db")]
    [InlineData("restore", "--all")]
    public async Task Without_a_kubeconfig_every_command_says_how_to_provide_one_and_exits_1(params string[] args)
    {
        var run = await ClusterCli.RunAsync(Nowhere, args);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldBe("error: no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config\n");
    }

    [Fact]
    public async Task Help_says_where_the_global_schedule_comes_from()
    {
        var run = await ClusterCli.RunAsync(Nowhere, "status", "--help");

        run.ExitCode.ShouldBe(0);
        run.Out.ShouldContain("ConfigMap");
        run.Out.ShouldContain("--uptime");
        run.Out.ShouldNotContain("--now");
    }

    [Theory]
    [InlineData("wake", "deploy/api", "--for", "2x")]
    [InlineData("status", "--frobnicate")]
    [InlineData("sleep")]
    public async Task The_shipped_root_command_carries_the_cluster_commands_and_their_exit_codes(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(args, output, error, new FakeClock(TestWorkloads.Night));

        exit.ShouldBe(CliApp.ExitUsage);
        error.ToString().ShouldStartWith("error: ");
    }
}
