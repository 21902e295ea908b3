using System.Globalization;

namespace Tarnfui.Bench.Scenarios;

/// <summary>Byte counts as the reports print them (binary units, one decimal).</summary>
internal static class ByteSize
{
    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0 'GiB'", CultureInfo.InvariantCulture),
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0 'MiB'", CultureInfo.InvariantCulture),
        >= 1L << 10 => (bytes / 1024.0).ToString("0.0 'KiB'", CultureInfo.InvariantCulture),
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
