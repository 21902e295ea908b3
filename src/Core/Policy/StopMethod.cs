namespace Tarnfui.Core.Policy;

/// <summary>How a workload kind is held down.</summary>
public enum StopMethod
{
    /// <summary><c>spec.replicas</c> set to the downtime count (also written through <c>/scale</c>), the stop record keeps the count to restore.</summary>
    Replicas,

    /// <summary><c>spec.suspend</c> set to true (CronJobs). Not implemented yet: no kind in <see cref="WorkloadKind.All"/> uses it.</summary>
    Suspend,
}
