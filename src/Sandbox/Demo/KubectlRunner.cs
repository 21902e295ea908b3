using System.Diagnostics;

namespace Tarnfui.Sandbox.Demo;

/// <summary>What a kubectl run printed and returned.</summary>
internal sealed record KubectlResult(int ExitCode, string Output, string Error);

/// <summary>
/// Runs the real kubectl against the sandbox with the demo's kubeconfig and a private discovery cache, the way a
/// person at a terminal would.
/// </summary>
internal sealed class KubectlRunner(string kubectl, string kubeconfig, string cacheDirectory)
{
    public string Path => kubectl;

    /// <summary>The runner, or null when there is no kubectl at <paramref name="kubectl"/> (the demo then sends the same request itself).</summary>
    public static KubectlRunner? Find(string? kubectl, string kubeconfig, string cacheDirectory) =>
        kubectl is not null && File.Exists(kubectl) ? new KubectlRunner(kubectl, kubeconfig, cacheDirectory) : null;

    public async Task<KubectlResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {kubectl}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new KubectlResult(process.ExitCode, (await output).Trim(), (await error).Trim());
    }
}
