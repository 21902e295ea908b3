using System.Diagnostics;

namespace Tarnfui.Emulator.Server;

/// <summary>What a kubectl run printed and returned.</summary>
public sealed record KubectlResult(int ExitCode, string Output, string Error);

/// <summary>
/// The real kubectl against a sandbox, the way a person at a terminal runs it: its own kubeconfig, discovery cache
/// and HOME (so nothing of the machine's ~/.kube leaks in), each run bounded in time.
/// </summary>
public sealed class KubectlRunner : IDisposable
{
    public const string DefaultPath = "/usr/bin/kubectl";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _kubeconfig;
    private readonly string _directory;
    private readonly bool _ownsDirectory;

    /// <param name="path">The kubectl binary.</param>
    /// <param name="kubeconfig">The kubeconfig every run uses.</param>
    /// <param name="directory">Home and discovery cache; left in place on <see cref="Dispose"/>.</param>
    public KubectlRunner(string path, string kubeconfig, string directory)
        : this(path, kubeconfig, directory, ownsDirectory: false)
    {
    }

    private KubectlRunner(string path, string kubeconfig, string directory, bool ownsDirectory)
    {
        Path = path;
        _kubeconfig = kubeconfig;
        _directory = directory;
        _ownsDirectory = ownsDirectory;
    }

    public string Path { get; }

    /// <summary>kubectl as <paramref name="user"/> of <paramref name="server"/>, in a temporary folder deleted on <see cref="Dispose"/>.</summary>
    public static KubectlRunner For(EmulatorServer server, string user = EmulatorUsers.Admin, string path = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(server);
        var directory = Directory.CreateTempSubdirectory("tarnfui-kubectl-").FullName;
        var kubeconfig = server.WriteKubeconfig(System.IO.Path.Combine(directory, "kubeconfig"), user);
        return new KubectlRunner(path, kubeconfig, directory, ownsDirectory: true);
    }

    /// <summary>kubectl at <paramref name="path"/>, or null when there is none there.</summary>
    public static KubectlRunner? Find(string? path, string kubeconfig, string directory) =>
        path is not null && File.Exists(path) ? new KubectlRunner(path, kubeconfig, directory) : null;

    public Task<KubectlResult> RunAsync(params string[] arguments) => RunAsync(arguments, CancellationToken.None);

    public async Task<KubectlResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var list = arguments.ToList();
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--kubeconfig", _kubeconfig, "--cache-dir", System.IO.Path.Combine(_directory, "cache"), .. list])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = _directory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Path}");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"kubectl {string.Join(' ', list)} did not finish within {Bound}");
        }

        return new KubectlResult(process.ExitCode, await output, await error);
    }

    /// <summary>Runs kubectl and returns what it printed; throws with its stderr when it does not exit 0.</summary>
    public async Task<string> SucceedAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"kubectl {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Error}");
    }

    /// <summary>Writes a file (a manifest to apply, say) into kubectl's folder and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = System.IO.Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        if (_ownsDirectory && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
