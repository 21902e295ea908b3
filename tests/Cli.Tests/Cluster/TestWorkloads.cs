using NodaTime;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>Workloads as the commands read them, for the pure decision tests.</summary>
internal static class TestWorkloads
{
    /// <summary>Monday 2026-11-23 22:00 UTC: off-hours under the default uptime Mon-Fri 07:00-19:00 UTC.</summary>
    public static readonly Instant Night = Instant.FromUtc(2026, 11, 23, 22, 0);

    /// <summary>Monday 2026-11-23 10:00 UTC: working hours.</summary>
    public static readonly Instant Day = Instant.FromUtc(2026, 11, 23, 10, 0);

    public static PolicyResolver DefaultResolver { get; } = new(GlobalPolicy.Create(new ScheduleOptions()).Value);

    public static Workload Running(int replicas, Dictionary<string, string>? annotations = null, bool operatorOwned = false, Dictionary<string, string>? labels = null) =>
        new(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"), new WorkloadMetadata(annotations, labels), replicas, "42", operatorOwned);

    public static Workload Stopped(int replicas, int original, Dictionary<string, string>? more = null)
    {
        var annotations = new Dictionary<string, string>(more ?? [])
        {
            [WellKnown.Annotations.OriginalReplicas] = StoppedState.FormatReplicas(original),
            [WellKnown.Annotations.StoppedAt] = AnnotationValues.FormatInstant(Night - Duration.FromHours(3)),
        };
        return Running(replicas, annotations, labels: new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" });
    }
}
