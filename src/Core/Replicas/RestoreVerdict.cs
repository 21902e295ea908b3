namespace Tarnfui.Core.Replicas;

/// <summary>What <see cref="ReplicaRules.ForRestore"/> says about a stopped workload in working hours. A closed family.</summary>
public abstract record RestoreVerdict
{
    private RestoreVerdict()
    {
    }

    /// <summary>Put the count back: <see cref="ReplicaPatches.Restore"/> to <paramref name="Replicas"/>.</summary>
    public sealed record Restore(int Replicas) : RestoreVerdict;

    /// <summary>
    /// Someone changed the count while it was stopped (<paramref name="Replicas"/> instead of the
    /// <paramref name="DowntimeReplicas"/> it was held at): their change wins, only the state is removed
    /// (<see cref="ReplicaPatches.Forget"/>) and an Event says so.
    /// </summary>
    public sealed record Forget(int Replicas, int DowntimeReplicas) : RestoreVerdict;
}
