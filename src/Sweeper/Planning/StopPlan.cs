using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Sweeper.Planning;

/// <summary>What the stop pass does with one running workload. A closed family.</summary>
internal abstract record StopPlan(WorkloadSnapshot Workload)
{
    /// <summary>Scale it from <paramref name="From"/> to <paramref name="To"/> and record the state, in one patch.</summary>
    public sealed record ScaleDown(WorkloadSnapshot Workload, int From, int To, PolicyDecision.OffHours Decision) : StopPlan(Workload)
    {
        /// <summary>
        /// What the patch tests; null: the resourceVersion read. A stop planned from a ReplicaSet's copy tests every
        /// value it was decided on instead, since the workload itself was not read.
        /// </summary>
        public PatchPreconditions? Preconditions { get; init; }
    }

    /// <summary>
    /// Suspend it (a CronJob: <c>spec.suspend</c> true) and record that it was not suspended, in one patch that tests the
    /// version, <c>spec.suspend</c> and the absence of a record as read.
    /// </summary>
    public sealed record Suspend(WorkloadSnapshot Workload, PolicyDecision.OffHours Decision) : StopPlan(Workload);

    /// <summary>What is known without reading the workload cannot settle it (a copy that may be outdated): read it, then plan.</summary>
    public sealed record ReadFirst(WorkloadSnapshot Workload, string Reason) : StopPlan(Workload);

    /// <summary>Nothing to do: working hours, exempt, already stopped, at/below its downtime count, or suspended by a person.</summary>
    public sealed record Leave(WorkloadSnapshot Workload, string Reason) : StopPlan(Workload);

    /// <summary>Its own ownerReferences name a controller: an operator owns its replicas, so it is skipped and counted.</summary>
    public sealed record OperatorOwned(WorkloadSnapshot Workload) : StopPlan(Workload);

    /// <summary>An annotation (schedule or state) cannot be read: left alone, a Warning Event says why.</summary>
    public sealed record Invalid(WorkloadSnapshot Workload, string Message) : StopPlan(Workload);
}
