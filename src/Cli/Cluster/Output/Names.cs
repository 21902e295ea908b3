using System.Globalization;
using NodaTime;
using Tarnfui.Core.Durations;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Output;

/// <summary>How the commands spell workloads and instants, as kubectl does.</summary>
internal static class Names
{
    /// <summary><c>deployment.apps/api</c>, <c>cronjob.batch/report</c>: kubectl's resource/name form.</summary>
    public static string Of(WorkloadRef workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return $"{workload.Kind.ToString().ToLowerInvariant()}.{workload.Kind.Group}/{workload.Name}";
    }

    /// <summary><c>2026-11-24T07:00:00Z (in 9h)</c>.</summary>
    public static string When(Instant at, Instant now) =>
        at >= now ? $"{Instant(at)} (in {KubeAge.Format(at - now)})" : $"{Instant(at)} ({KubeAge.Format(now - at)} ago)";

    public static string Instant(Instant at) => at.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
