using k8s.Models;
using Tarnfui.Cli.Cluster.Workloads;

namespace Tarnfui.Cli.Dashboard.Model;

/// <summary>A workload carrying the stopped label, with what one of its pods requests (null: its pod template was not read).</summary>
internal sealed record HeldWorkload(Workload Workload, PodRequests? PerReplica)
{
    public static HeldWorkload Of(V1Deployment deployment) =>
        new(WorkloadReader.From(deployment), PodRequests.Of(deployment.Spec?.Template?.Spec));

    public static HeldWorkload Of(V1StatefulSet statefulSet) =>
        new(WorkloadReader.From(statefulSet), PodRequests.Of(statefulSet.Spec?.Template?.Spec));
}
