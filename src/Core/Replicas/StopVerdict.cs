namespace Tarnfui.Core.Replicas;

/// <summary>What <see cref="ReplicaRules.ForOffHours"/> says about a workload during off-hours. A closed family.</summary>
public abstract record StopVerdict
{
    private StopVerdict()
    {
    }

    /// <summary>Stop it: <see cref="ReplicaPatches.Stop"/> from <paramref name="From"/> to <paramref name="To"/>.</summary>
    public sealed record ScaleDown(int From, int To) : StopVerdict;

    /// <summary>Already at or below the downtime count (someone scaled it down): left alone, never scaled up later.</summary>
    public sealed record AtOrBelowDowntime(int Replicas, int DowntimeReplicas) : StopVerdict;

    /// <summary>Carries Tarnfui's state already (stopped by the sweeper, or zeroed by the webhook): nothing to write.</summary>
    public sealed record AlreadyStopped(StoppedState State) : StopVerdict;

    /// <summary>Its state cannot be read: left alone, a Warning says why.</summary>
    public sealed record InvalidState(string Message) : StopVerdict;
}
