using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// <c>Sweeper:FastStop=false</c>: the owner cache keeps only each ReplicaSet's Deployment, and every running
/// workload is read in full each sweep before it is decided; a stop's patch tests the resourceVersion read.
/// </summary>
internal sealed class ReadStopRoute(KubeApi api, OwnerCache owners, WorkloadStopper stopper) : IStopRoute
{
    public async Task LearnAsync(OwnerRef replicaSet, SweepReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replicaSet);
        ArgumentNullException.ThrowIfNull(report);
        var metadata = await api.ReadReplicaSetMetadataAsync(replicaSet, cancellationToken);
        report.OwnerLookups++;
        owners.Set(replicaSet.Uid, metadata is null ? null : OwnerWalk.WorkloadOfReplicaSet(metadata));
    }

    public Task StopAsync(StopCandidate candidate, SweepReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return stopper.StopAsync(candidate.Workload, report, null, cancellationToken);
    }
}
