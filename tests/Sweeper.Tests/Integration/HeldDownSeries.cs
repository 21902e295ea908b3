using Prometheus;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// Reads the held-down gauges by namespace and kind without creating a series: an absent one reads as 0, which is
/// what a panel summing them shows once a namespace holds nothing.
/// </summary>
internal static class HeldDownSeries
{
    public static double Workloads(Metrics metrics, string ns, string kind) => Read(metrics.WorkloadsHeldDown, ns, kind);

    public static double Replicas(Metrics metrics, string ns, string kind) => Read(metrics.ReplicasHeldDown, ns, kind);

    public static double Cpu(Metrics metrics, string ns, string kind) => Read(metrics.CpuSaved, ns, kind);

    public static double Memory(Metrics metrics, string ns, string kind) => Read(metrics.MemorySaved, ns, kind);

    public static double Overdue(Metrics metrics, string ns, string kind) => Read(metrics.WorkloadsOverdue, ns, kind);

    /// <summary>The label sets (namespace, kind) the gauge exports.</summary>
    public static IReadOnlyList<(string Namespace, string Kind)> Series(Gauge gauge) =>
        gauge.GetAllLabelValues().Select(values => (values[0], values[1])).ToList();

    /// <summary>The gauge summed over every namespace and kind, as a panel without a filter shows it.</summary>
    public static double Sum(Gauge gauge) => gauge.GetAllLabelValues().Sum(values => gauge.WithLabels(values).Value);

    private static double Read(Gauge gauge, string ns, string kind) =>
        Series(gauge).Contains((ns, kind)) ? gauge.WithLabels(ns, kind).Value : 0;
}
