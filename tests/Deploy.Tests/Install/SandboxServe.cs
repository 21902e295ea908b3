using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Install;

/// <summary>
/// <c>sandbox serve</c> as its own process, started as CONTRIBUTING.md says (<c>dotnet Tarnfui.Sandbox.dll serve
/// --kubeconfig FILE …</c>): ready once it prints <c>ready &lt;url&gt;</c>, stopped with SIGTERM. Its stderr is kept
/// for failure messages.
/// </summary>
internal sealed class SandboxServe : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _error = new();

    private SandboxServe(Process process, string kubeconfig)
    {
        _process = process;
        Kubeconfig = kubeconfig;
    }

    /// <summary>The kubeconfig serve wrote: the admin user over HTTPS, trusting the emulator's CA.</summary>
    public string Kubeconfig { get; }

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

    /// <summary>The sandbox program as the test's build laid it out (a project reference).</summary>
    public static string Program => typeof(Tarnfui.Sandbox.Serve.ServeCommand).Assembly.Location;

    /// <summary>Starts <c>serve --kubeconfig <paramref name="kubeconfig"/> <paramref name="arguments"/></c> and waits for its ready line.</summary>
    public static async Task<SandboxServe> StartAsync(string kubeconfig, params string[] arguments)
    {
        var start = ProcessRunner.CreateStartInfo("dotnet", [Program, "serve", "--kubeconfig", kubeconfig, .. arguments]);
        var serve = new SandboxServe(new Process { StartInfo = start }, kubeconfig);
        serve._process.ErrorDataReceived += (_, e) =>
        {
            lock (serve._error)
            {
                serve._error.AppendLine(e.Data);
            }
        };
        serve._process.Start();
        serve._process.BeginErrorReadLine();
        string? ready;
        try
        {
            ready = await serve._process.StandardOutput.ReadLineAsync().WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            ready = null;
        }

        if (ready is null || !ready.StartsWith("ready https://127.0.0.1:", StringComparison.Ordinal))
        {
            await serve.DisposeAsync();
            throw new InvalidOperationException($"sandbox serve did not print its ready line but \"{ready}\"; stderr:\n{serve.Error}");
        }

        return serve;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM, as Ctrl+C in the terminal of CONTRIBUTING.md; killed if it does not stop within the bound.
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            try
            {
                await _process.WaitForExitAsync().WaitAsync(Bound);
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }
}
