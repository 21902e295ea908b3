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

    /// <summary>A CronJob as read: <paramref name="suspend"/> in its spec and, when <paramref name="record"/> is given, Tarnfui's record of that original value.</summary>
    public static Workload CronJob(bool suspend, bool? record = null, Dictionary<string, string>? more = null)
    {
        var annotations = record is { } original ? new Dictionary<string, string>(SuspendRecord(original)) : null;
        foreach (var (key, value) in more ?? [])
        {
            annotations ??= [];
            annotations[key] = value;
        }

        var labels = record is null ? null : new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" };
        return new Workload(new WorkloadRef(WorkloadKind.CronJob, "shop", "report"), new WorkloadMetadata(annotations, labels), null, "42", false)
        {
            Suspend = suspend,
            Schedule = "*/15 * * * *",
        };
    }

    /// <summary>Tarnfui's annotations on a CronJob it suspended three hours before <see cref="Night"/>.</summary>
    public static Dictionary<string, string> SuspendRecord(bool original) => new()
    {
        [WellKnown.Annotations.OriginalSuspend] = SuspendState.Format(original),
        [WellKnown.Annotations.StoppedAt] = AnnotationValues.FormatInstant(Night - Duration.FromHours(3)),
    };
}
