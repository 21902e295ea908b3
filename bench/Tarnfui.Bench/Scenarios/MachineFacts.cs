using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Tarnfui.Bench.Scenarios;

/// <summary>
/// What a reader needs to weigh a number: cores, memory, CPU model, the load average when it was taken (the build
/// machine is shared), the runtime, the date.
/// </summary>
internal sealed record MachineFacts(int Cores, long MemoryBytes, string Cpu, string LoadAverage, string Runtime, DateTimeOffset At)
{
    public static MachineFacts Now() => new(
        Environment.ProcessorCount,
        ReadMemory(),
        ReadCpu(),
        ReadLoad(),
        RuntimeInformation.FrameworkDescription,
        DateTimeOffset.UtcNow);

    /// <summary>One line for a Markdown section.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{At:yyyy-MM-dd HH:mm} UTC, {Cores} cores ({Cpu}), {MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB, {Runtime}, load average {LoadAverage} (1/5/15 min) when the scenario started");

    public JsonObject ToJson() => new()
    {
        ["at"] = At.ToString("O", CultureInfo.InvariantCulture),
        ["cores"] = Cores,
        ["memoryBytes"] = MemoryBytes,
        ["cpu"] = Cpu,
        ["loadAverage"] = LoadAverage,
        ["runtime"] = Runtime,
    };

    private static long ReadMemory()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string ReadCpu() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
            : RuntimeInformation.ProcessArchitecture.ToString();

    private static string ReadLoad() =>
        ReadLines("/proc/loadavg").FirstOrDefault() is { } line ? string.Join(' ', line.Split(' ').Take(3)) : "unknown";

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
