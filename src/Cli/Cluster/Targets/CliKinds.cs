using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Targets;

/// <summary>The kinds the cluster commands read and change: those held down by replicas, and CronJobs and Jobs (by spec.suspend).</summary>
internal static class CliKinds
{
    public static IReadOnlyList<WorkloadKind> Handled { get; } = [.. WorkloadKind.WithReplicas, WorkloadKind.CronJob, WorkloadKind.Job];

    /// <summary>kubectl's short spelling of a kind in a hint: <c>deploy/NAME</c>, <c>cj/NAME</c>.</summary>
    public static string Hint(WorkloadKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.ShortNames.FirstOrDefault(kind.Singular) + "/NAME";
    }
}
