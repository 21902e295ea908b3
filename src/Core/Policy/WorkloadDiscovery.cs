namespace Tarnfui.Core.Policy;

/// <summary>How the sweeper finds the workloads of a kind that off-hours may stop.</summary>
public enum WorkloadDiscovery
{
    /// <summary>
    /// Up the ownerReferences of the running pods: what runs is what costs, so a sweep costs what is running, never the
    /// number of workloads (Deployments, StatefulSets).
    /// </summary>
    RunningPods,

    /// <summary>
    /// From a watched view of every object of the kind, kept current between sweeps: for a kind that starts pods
    /// later rather than running them now (a CronJob between its runs has none). Such kinds are few per cluster, and a
    /// current watch makes a sweep over them cost no request.
    /// </summary>
    Watched,
}
