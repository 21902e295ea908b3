using System.Globalization;
using System.Text.Json.Nodes;

namespace Tarnfui.Bench.Startup;

/// <summary>
/// A process's resident memory at one moment, from <c>/proc/&lt;pid&gt;/status</c> (Linux): <c>VmRSS</c>, what it has
/// in memory now, and <c>VmHWM</c>, the kernel's high-water mark of it since the start, so no peak between two readings
/// is missed.
/// </summary>
public readonly record struct ResidentSet(long Rss, long HighWaterMark)
{
    /// <summary>Reads the two fields of process <paramref name="processId"/>; throws if it has exited.</summary>
    public static ResidentSet Of(int processId)
    {
        var status = File.ReadAllLines($"/proc/{processId}/status");
        return new ResidentSet(Kibibytes(status, "VmRSS:") * 1024, Kibibytes(status, "VmHWM:") * 1024);
    }

    public JsonObject ToJson() => new() { ["vmRssBytes"] = Rss, ["vmHwmBytes"] = HighWaterMark };

    private static long Kibibytes(string[] status, string field) =>
        status.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"/proc status has no {field} line");
}
