using System.Diagnostics;
using System.Globalization;
using System.Text;
using k8s;
using Tarnfui.Emulator.Server;

namespace Tarnfui.EndToEnd.Serve;

/// <summary>
/// <c>sandbox serve</c> as a child process, the way a person runs it: started with <c>dotnet Tarnfui.Sandbox.dll</c>,
/// ready once it prints <c>ready &lt;url&gt;</c>, stopped with SIGTERM. Its stderr (the hosted sweeper's and webhook's
/// logs) is kept for the failure message of a test.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly string _directory;

    private ServeProcess(Process process, string directory)
    {
        _process = process;
        _directory = directory;
        Kubeconfig = Path.Combine(directory, "kubeconfig");
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_error)
            {
                _error.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public string Kubeconfig { get; }

    /// <summary>What the process wrote on stderr so far.</summary>
    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Starts <c>sandbox serve --kubeconfig … <paramref name="arguments"/></c> and waits for its <c>ready</c> line.</summary>
    public static async Task<ServeProcess> StartAsync(params string[] arguments)
    {
        var directory = Directory.CreateTempSubdirectory("tarnfui-e2e-serve-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[typeof(Tarnfui.Sandbox.Serve.ServeCommand).Assembly.Location, "serve", "--kubeconfig", Path.Combine(directory, "kubeconfig"), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var serve = new ServeProcess(Process.Start(start)!, directory);
        var ready = await serve._process.StandardOutput.ReadLineAsync().WaitAsync(Bound);
        if (ready is null || !ready.StartsWith("ready https://127.0.0.1:", StringComparison.Ordinal))
        {
            await serve.DisposeAsync();
            throw new InvalidOperationException($"sandbox serve did not print its ready line but \"{ready}\"; stderr:\n{serve.Error}");
        }

        return serve;
    }

    /// <summary>Runs <c>sandbox serve <paramref name="arguments"/></c> that is expected to exit at once (bad options).</summary>
    public static async Task<(int ExitCode, string Error)> RunToExitAsync(params string[] arguments)
    {
        var directory = Directory.CreateTempSubdirectory("tarnfui-e2e-serve-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])[typeof(Tarnfui.Sandbox.Serve.ServeCommand).Assembly.Location, "serve", "--kubeconfig", Path.Combine(directory, "kubeconfig"), .. arguments])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(Bound);
            await output;
            return (process.ExitCode, await error);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The real kubectl with the kubeconfig serve wrote, its cache and files in this process's folder.</summary>
    public KubectlRunner Kubectl() =>
        new(KubectlRunner.DefaultPath, Kubeconfig, Directory.CreateDirectory(Path.Combine(_directory, "kubectl")).FullName);

    /// <summary>A KubernetesClient from the kubeconfig serve wrote (admin over HTTPS).</summary>
    public Kubernetes CreateClient() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig));

    /// <summary>Sends SIGTERM, as a terminal's Ctrl+C or a process manager would, and returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(Bound);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
