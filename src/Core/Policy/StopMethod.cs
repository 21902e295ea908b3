namespace Tarnfui.Core.Policy;

/// <summary>How a workload kind is held down.</summary>
public enum StopMethod
{
    /// <summary><c>spec.replicas</c> set to the downtime count (also written through <c>/scale</c>), the stop record keeps the count to restore.</summary>
    Replicas,

    /// <summary>
    /// <c>spec.suspend</c> set to true (CronJobs), the stop record keeps the value to restore
    /// (<c>tarnfui.io/original-suspend</c>). No replica count: <c>downtime-replicas</c> does not apply.
    /// </summary>
    Suspend,
}
