using System.Diagnostics;
using Tarnfui.Sandbox.Hosting;

namespace Tarnfui.EndToEnd.Webhook;

/// <summary>The real <c>/usr/bin/kubectl</c> against a sandbox, with its own kubeconfig and discovery cache, bounded in time.</summary>
internal sealed class Kubectl : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("tarnfui-e2e-kubectl-").FullName;
    private readonly string _kubeconfig;

    public Kubectl(SandboxServer server, string user = SandboxUsers.Cli) =>
        _kubeconfig = server.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"), user);

    /// <summary>kubectl with a kubeconfig written by someone else, e.g. a <c>sandbox serve</c> process.</summary>
    public Kubectl(string kubeconfig) => _kubeconfig = kubeconfig;

    public sealed record Result(int ExitCode, string Output, string Error);

    public async Task<Result> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--kubeconfig", _kubeconfig, "--cache-dir", Path.Combine(_directory, "cache"), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = _directory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish within {Bound}");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
