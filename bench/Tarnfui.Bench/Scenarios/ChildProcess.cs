using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Tarnfui.Bench.Scenarios;

/// <summary>
/// A program of this repository run as its own process (<c>dotnet Tarnfui.Sweeper.dll …</c>), so that what it costs
/// — its peak resident memory (<c>VmHWM</c> from <c>/proc/&lt;pid&gt;/status</c>, the kernel's high-water mark, so no
/// sample is missed) and its start-up — is its own, not the benchmark's. Output lines are kept for the caller.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process) => _process = process;

    /// <summary>When the process was started (<see cref="Stopwatch.GetTimestamp"/>), for start-up times.</summary>
    public long StartedAt { get; private set; }

    public int Id => _process.Id;

    public IReadOnlyCollection<string> Lines => _lines;

    public Task Exited => _exited.Task;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet &lt;dll&gt; args…</c> from the directory of this benchmark's build (the programs are built next to it).</summary>
    public static ChildProcess Start(string assembly, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{assembly} is not built next to the benchmark; build bench/Tarnfui.Bench first", path);
        }

        return Launch("dotnet", [path, .. args], environment);
    }

    /// <summary>Starts the sweeper <paramref name="build"/> with <paramref name="args"/>.</summary>
    public static ChildProcess Start(SweeperBuild build, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(build);
        return Launch(build.Executable, args, environment);
    }

    private static ChildProcess Launch(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Exited += (_, _) => child._exited.TrySetResult();
        child.StartedAt = Stopwatch.GetTimestamp();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// The process's memory now, from <c>/proc/&lt;pid&gt;/status</c> (Linux): the resident high-water mark and the
    /// current anonymous (heap, stacks: what only this process uses), file-backed (mapped runtime and assemblies,
    /// shared and reclaimable) and shared-memory (the runtime's W^X double mapping of JIT code) resident sets.
    /// Null once the process has exited.
    /// </summary>
    public ResidentMemory? Memory()
    {
        try
        {
            long Field(string[] lines, string name) =>
                lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
                    ? long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024
                    : 0;
            var status = File.ReadAllLines($"/proc/{_process.Id}/status");
            return new ResidentMemory(Field(status, "VmHWM:"), Field(status, "RssAnon:"), Field(status, "RssFile:"), Field(status, "RssShmem:"));
        }
        catch (IOException)
        {
            return null; // the process has exited and its /proc entry is gone
        }
    }

    /// <summary>
    /// Waits for the exit, reading the memory every few milliseconds until then: VmHWM never decreases, so its last
    /// reading is the peak; the parts are sampled peaks. Throws with the output when it does not exit within <paramref name="timeout"/>.
    /// </summary>
    public async Task<ResidentMemory> WaitForExitAsync(TimeSpan timeout)
    {
        var peak = new ResidentMemory(0, 0, 0, 0);
        var deadline = Stopwatch.StartNew();
        while (!_exited.Task.IsCompleted)
        {
            if (Memory() is { } now)
            {
                peak = peak.Max(now);
            }

            if (deadline.Elapsed > timeout)
            {
                throw NotExited(timeout);
            }

            await Task.WhenAny(_exited.Task, Task.Delay(5));
        }

        await _process.WaitForExitAsync();
        return peak;
    }

    /// <summary>
    /// Waits for the exit without reading anything meanwhile, for a child that measures time: a parent waking every
    /// few milliseconds to sample the memory changed what the child measured (see <c>WebhookMeasureCommand</c>).
    /// Throws with the output when it does not exit within <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForExitUnsampledAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _exited.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw NotExited(timeout);
        }

        await _process.WaitForExitAsync(cancellationToken);
    }

    // What ran (the program and its command) and its last lines, for a child that outlived its time.
    private TimeoutException NotExited(TimeSpan timeout) => new(
        $"{_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList.Take(2))} did not exit within {timeout}:\n{string.Join('\n', _lines.TakeLast(30))}");

    /// <summary>Kills the process if it still runs (a benchmark child has nothing to finish) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_exited.Task.IsCompleted)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}

/// <summary>Resident memory of a process in bytes: the high-water mark of the whole, and the anonymous, file-backed and shared parts.</summary>
internal sealed record ResidentMemory(long HighWaterMark, long Anonymous, long File, long Shared)
{
    public ResidentMemory Max(ResidentMemory other) => new(
        Math.Max(HighWaterMark, other.HighWaterMark), Math.Max(Anonymous, other.Anonymous), Math.Max(File, other.File), Math.Max(Shared, other.Shared));

    public System.Text.Json.Nodes.JsonObject ToJson() => new()
    {
        ["vmHwmBytes"] = HighWaterMark,
        ["peakRssAnonBytes"] = Anonymous,
        ["peakRssFileBytes"] = File,
        ["peakRssShmemBytes"] = Shared,
    };
}
