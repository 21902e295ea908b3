using k8s;
using k8s.Models;

namespace Tarnfui.Cli.Cluster.Workloads;

// The HorizontalPodAutoscalers explain looks through for the one that scales a workload.
internal sealed partial class WorkloadApi
{
    /// <summary>Every HPA (<c>autoscaling/v2</c>) of a namespace: they are few, one LIST.</summary>
    public async Task<IList<V2HorizontalPodAutoscaler>> ListAutoscalersAsync(string @namespace, CancellationToken cancellationToken) =>
        (await client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(@namespace, limit: PageSize, cancellationToken: cancellationToken)).Items;
}
