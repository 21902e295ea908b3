using NodaTime;
using Tarnfui.Core.Autoscaling;
using Tarnfui.Sweeper.Hosting;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Acting;

/// <summary>Writes an HPA's bound, restore or forget as one tested JSON Patch, behind the <see cref="LeadershipFence"/>.</summary>
internal sealed class KubeAutoscalerWriter(KubeApi api, ClusterView view, LeadershipFence fence, ILogger<KubeAutoscalerWriter> logger) : IAutoscalerWriter
{
    public async Task<AutoscalerWrite> WriteAsync(AutoscalerSnapshot autoscaler, AutoscalerVerdict verdict, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(autoscaler);
        var operations = verdict switch
        {
            AutoscalerVerdict.Bound bound => AutoscalerPatches.Bound(autoscaler.Uid, autoscaler.Record, autoscaler.Bounds, bound.Replicas, now),
            AutoscalerVerdict.PutBack putBack => AutoscalerPatches.Restore(autoscaler.Uid, autoscaler.Record, putBack.Record),
            AutoscalerVerdict.Forget => AutoscalerPatches.Forget(autoscaler.Uid, autoscaler.Record, autoscaler.Bounds),
            _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "not a write"),
        };
        fence.ThrowIfClosed(LeadershipFence.Patch);
        var outcome = await api.PatchAutoscalerAsync(autoscaler, operations, cancellationToken);
        switch (outcome)
        {
            case AutoscalerWrite.Applied applied:
                AutoscalerLog.Wrote(logger, verdict, autoscaler);
                view.RecordAutoscaler(autoscaler.Namespace, autoscaler.Name, applied.Autoscaler);
                break;
            case AutoscalerWrite.Gone:
                view.RecordAutoscaler(autoscaler.Namespace, autoscaler.Name, null);
                break;
        }

        return outcome;
    }
}
