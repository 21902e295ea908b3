using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Notifications;

/// <summary>
/// One kind of outcome of one sweep, as one target sees it (its namespaces only): the workloads, and for stops the
/// replicas stopped and the CPU their pod templates request (the estimate the gauges use); 0 for the other kinds.
/// </summary>
internal sealed record SweepEvent(SweepEventKind Kind, IReadOnlyList<WorkloadRef> Workloads, int Replicas, double CpuCores)
{
    public int NamespaceCount => Workloads.Select(w => w.Namespace).Distinct(StringComparer.Ordinal).Count();

    /// <summary>"stopped 3 workloads in 2 namespaces, 7 replicas, 1.5 CPU requested saved".</summary>
    public string Summary
    {
        get
        {
            var text = $"{Kind.Verb} {Count(Workloads.Count, "workload")} in {Count(NamespaceCount, "namespace")}";
            return Kind == SweepEventKind.Stopped ? $"{text}, {Count(Replicas, "replica")}, {Cores(CpuCores)} CPU requested saved" : text;
        }
    }

    /// <summary>The workloads as <c>namespace/kind/name</c>, the first <paramref name="max"/>, then "and N more".</summary>
    public IReadOnlyList<string> Listed(int max)
    {
        var lines = Workloads.Take(max).Select(w => $"{w.Namespace}/{w.Kind}/{w.Name}").ToList();
        if (Workloads.Count > max)
        {
            lines.Add($"and {Workloads.Count - max} more");
        }

        return lines;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Cores(double cores) => Math.Round(cores, 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
