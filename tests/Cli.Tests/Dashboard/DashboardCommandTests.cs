using System.CommandLine;
using System.Text.RegularExpressions;
using Tarnfui.Cli.Cluster;
using Tarnfui.Cli.Tests.Cluster;
using Tarnfui.Testing;

namespace Tarnfui.Cli.Tests.Dashboard;

[Collection("Sandbox")]
public partial class DashboardCommandTests(SandboxFixture sandbox)
{
    [Theory]
    [InlineData("--port", "70000", "invalid --port 70000")]
    [InlineData("--port", "-1", "invalid --port -1")]
    [InlineData("--address", "not-an-address", "invalid --address \"not-an-address\"")]
    public async Task A_bad_flag_is_a_usage_error_and_nothing_is_served(string flag, string value, string message)
    {
        var run = await sandbox.RunAsync("dashboard", flag, value, "--no-browser");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(message);
        run.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_command_prints_its_url_serves_the_overview_and_stops_when_cancelled()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        var root = new RootCommand("kubectl tarnfui");
        ClusterCommands.Create(sandbox.Environment).ToList().ForEach(root.Subcommands.Add);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var outputs = TextWriter.Synchronized(output);
        var errors = TextWriter.Synchronized(error);
        using var stop = new CancellationTokenSource();
        var parse = root.Parse(["dashboard", "-n", ns, "--no-browser", "--kubeconfig", sandbox.Kubeconfig]);

        var running = parse.InvokeAsync(new InvocationConfiguration { Output = outputs, Error = errors }, stop.Token);
        await Eventually.UntilAsync(() => running.IsCompleted || Url().IsMatch(output.ToString()), "the dashboard prints its URL");
        running.IsCompleted.ShouldBeFalse(error.ToString());
        var url = new Uri(Url().Match(output.ToString()).Groups[1].Value);
        using var http = new HttpClient();
        var page = await http.GetStringAsync(url);
        await stop.CancelAsync();
        var exit = await running;

        url.Host.ShouldBe("127.0.0.1");
        DashboardPage.Number(page, "held-deployments").ShouldBe(1);
        exit.ShouldBe(0);
        error.ToString().ShouldNotContain("browser was not opened");
        await Should.ThrowAsync<HttpRequestException>(() => http.GetStringAsync(url));
    }

    [GeneratedRegex("^Tarnfui dashboard: (http://\\S+)$", RegexOptions.Multiline)]
    private static partial Regex Url();
}
