using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Bench.Scenarios.SweepCost;

/// <summary>
/// What holding one sweep-cost cluster costs the emulator, and how long the cluster's whole run took: the managed heap
/// the seeded store keeps (live bytes after a full collection, less those before the emulator started), per stored
/// Deployment (with its ReplicaSet, its share of the namespaces and the running ones' pods), and this process's
/// resident high-water mark, which the emulator, the hosted sweeper and the benchmark share.
/// </summary>
internal sealed record EmulatorFootprint(int Deployments, int Namespaces, long StoredObjects, long StoreBytes, double SeedSeconds, double RunSeconds, long ProcessPeakBytes)
{
    public double BytesPerDeployment => StoreBytes / (double)Math.Max(1, Deployments);

    /// <summary>Live managed bytes now, after a full, compacting collection.</summary>
    public static long LiveBytes() => GC.GetTotalMemory(forceFullCollection: true);

    public static long StoredObjectsOf(EmulatorServer server) => server.Store.Types.All.Select(server.Store.Types.StorageOf).Distinct().Sum(t => (long)server.Store.Count(t));

    /// <summary>This process's VmHWM (Linux); 0 where <c>/proc</c> is not.</summary>
    public static long ProcessPeak()
    {
        const string Field = "VmHWM:";
        if (!File.Exists("/proc/self/status"))
        {
            return 0;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(Field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[Field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public JsonObject ToJson() => new()
    {
        ["deployments"] = Deployments,
        ["namespaces"] = Namespaces,
        ["storedObjects"] = StoredObjects,
        ["storeHeapBytes"] = StoreBytes,
        ["heapBytesPerDeployment"] = Math.Round(BytesPerDeployment),
        ["seedSeconds"] = Math.Round(SeedSeconds, 2),
        ["runSeconds"] = Math.Round(RunSeconds, 1),
        ["processVmHwmBytes"] = ProcessPeakBytes,
    };

    public static string Markdown(IReadOnlyList<EmulatorFootprint> footprints)
    {
        var text = new StringBuilder();
        text.AppendLine().AppendLine("The emulator holding each cluster: the managed heap its seeded store keeps (live bytes after a full collection, less");
        text.AppendLine("those before it started), per Deployment (its ReplicaSet, its share of the namespaces and of the running pods included),");
        text.AppendLine("the seeding, the cluster's whole run (seeding, every sweep of both sweepers, the dry-run children) and the resident");
        text.AppendLine("high-water mark of the benchmark process, which hosts the emulator and Tarnfui's sweeper (the peak of the run so far).").AppendLine();
        text.AppendLine("| Deployments | Namespaces | Stored objects | Store heap | Per Deployment | Seeding | Whole run | Process peak (VmHWM) |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var f in footprints.OrderBy(f => f.Deployments))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {f.Deployments:N0} | {f.Namespaces:N0} | {f.StoredObjects:N0} | {ByteSize.Format(f.StoreBytes)} | {ByteSize.Format((long)f.BytesPerDeployment)} | {f.SeedSeconds:0.0} s | {f.RunSeconds / 60:0.0} min | {ByteSize.Format(f.ProcessPeakBytes)} |");
        }

        return text.ToString();
    }
}
