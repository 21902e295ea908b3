using System.Diagnostics;
using System.Globalization;

namespace Tarnfui.Bench.Scenarios;

/// <summary>
/// A build of the sweeper that scenarios run as a child process: the native executable <c>scripts/publish.sh</c>
/// writes (what the image ships and the targets are judged on), or the JIT build next to this benchmark, run through
/// its apphost (smoke runs, which must not spend minutes compiling native code, and the side-by-side rows).
/// </summary>
/// <param name="Name">How the report names it.</param>
/// <param name="Executable">The program to start.</param>
/// <param name="Folder">The folder it runs from (<c>sweeper/</c> of a published layout).</param>
internal sealed record SweeperBuild(string Name, string Executable, string Folder)
{
    public static SweeperBuild Jit { get; } = new(
        "JIT (`Tarnfui.Sweeper.dll` on the shared runtime)", Path.Combine(AppContext.BaseDirectory, "Tarnfui.Sweeper"), AppContext.BaseDirectory);

    public bool IsNative => !ReferenceEquals(this, Jit);

    /// <summary>Publishes the native sweeper with <c>scripts/publish.sh</c> (the image's own build) into a temporary folder.</summary>
    public static async Task<SweeperBuild> PublishNativeAsync(string repositoryRoot, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var layout = Directory.CreateTempSubdirectory("tarnfui-bench-native-").FullName;
        var started = Stopwatch.StartNew();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(repositoryRoot, "scripts", "publish.sh"));
        start.ArgumentList.Add(layout);
        start.Environment["PROGRAMS"] = "Sweeper";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }

        var folder = Path.Combine(layout, "sweeper");
        var executable = Path.Combine(folder, "Tarnfui.Sweeper");
        var size = new FileInfo(executable).Length;
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"published the native sweeper in {started.Elapsed.TotalSeconds:F0} s: {executable} ({size / (1024.0 * 1024):F1} MiB)"));
        return new SweeperBuild($"native (NativeAOT, `scripts/publish.sh`, {size / (1024.0 * 1024):F0} MiB executable)", executable, folder);
    }
}
