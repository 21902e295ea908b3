using System.Diagnostics;
using System.Globalization;

namespace Tarnfui.Bench.Startup;

/// <summary>The webhook as the image ships it: the native executable <c>scripts/publish.sh</c> writes.</summary>
internal static class NativeWebhook
{
    /// <summary>
    /// Publishes the webhook with <c>scripts/publish.sh</c> (the image's own build) into <c>webhook/</c> of
    /// <paramref name="layout"/> and returns the executable. Minutes on a small machine: native code is compiled here.
    /// </summary>
    public static async Task<string> PublishAsync(string repositoryRoot, string layout, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var started = Stopwatch.StartNew();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(repositoryRoot, "scripts", "publish.sh"));
        start.ArgumentList.Add(layout);
        start.Environment["PROGRAMS"] = "Webhook";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }

        var executable = Path.Combine(layout, "webhook", "Tarnfui.Webhook");
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"published the native webhook in {started.Elapsed.TotalSeconds:F0} s: {executable} ({new FileInfo(executable).Length / (1024.0 * 1024):F1} MiB)"));
        return executable;
    }
}
