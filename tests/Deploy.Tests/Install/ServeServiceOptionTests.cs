using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Install;

/// <summary><c>sandbox serve --service</c> refuses a value it cannot route before serving anything, naming the value.</summary>
public sealed class ServeServiceOptionTests
{
    public static TheoryData<string, string[], string> Refused => new()
    {
        { "no endpoint", ["--service", "tarnfui/tarnfui-webhook"], "--service must be NAMESPACE/NAME=HOST:PORT, e.g. \"tarnfui/tarnfui-webhook=127.0.0.1:8443\", got \"tarnfui/tarnfui-webhook\"" },
        { "no port", ["--service", "tarnfui/tarnfui-webhook=127.0.0.1"], "--service the endpoint must be HOST:PORT with a port from 1 to 65535" },
        { "no namespace", ["--service", "tarnfui-webhook=127.0.0.1:8443"], "--service the service must be NAMESPACE/NAME" },
        { "one Service twice", ["--service", "tarnfui/tarnfui-webhook=127.0.0.1:8443", "--service", "tarnfui/tarnfui-webhook=127.0.0.1:9443"], "--service names tarnfui/tarnfui-webhook twice" },
    };

    [Theory, MemberData(nameof(Refused))]
    public async Task A_service_option_that_cannot_be_routed_exits_2_naming_it(string because, string[] arguments, string message)
    {
        using var work = new TemporaryDirectory();

        var result = await ProcessRunner.RunAsync("dotnet", [SandboxServe.Program, "serve", "--kubeconfig", work.Combine("kubeconfig"), "--no-tarnfui", .. arguments], TimeSpan.FromSeconds(60));

        result.ExitCode.ShouldBe(2, result.Describe(because));
        result.StandardError.ShouldContain(message, Case.Sensitive, because);
        result.StandardOutput.ShouldNotContain("ready", Case.Sensitive, because);
        File.Exists(work.Combine("kubeconfig")).ShouldBeFalse(because);
    }
}
