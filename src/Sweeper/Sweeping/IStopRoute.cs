using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// How the stop pass gets from a running ReplicaSet to a decision about its Deployment, chosen at start by
/// <c>Sweeper:FastStop</c>: from the copy of the Deployment's annotations and count the deployment controller keeps on
/// the ReplicaSet (<see cref="CopyStopRoute"/>), or by reading the Deployment (<see cref="ReadStopRoute"/>).
/// </summary>
internal interface IStopRoute
{
    /// <summary>A ReplicaSet the owner cache does not know (or holds an aged entry of): learns what it says of its Deployment.</summary>
    Task LearnAsync(OwnerRef replicaSet, SweepReport report, CancellationToken cancellationToken);

    /// <summary>Decides about a workload behind the running pods, and stops it if its policy says so.</summary>
    Task StopAsync(StopCandidate candidate, SweepReport report, CancellationToken cancellationToken);
}
