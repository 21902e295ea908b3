using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>What the stop pass does with one running workload. A closed family.</summary>
public abstract record StopPlan(WorkloadSnapshot Workload)
{
    /// <summary>Scale it from <paramref name="From"/> to <paramref name="To"/> and record the state, in one patch.</summary>
    public sealed record ScaleDown(WorkloadSnapshot Workload, int From, int To, PolicyDecision.OffHours Decision) : StopPlan(Workload);

    /// <summary>Nothing to do: working hours, exempt, already stopped or at/below its downtime count.</summary>
    public sealed record Leave(WorkloadSnapshot Workload, string Reason) : StopPlan(Workload);

    /// <summary>Its own ownerReferences name a controller: an operator owns its replicas, so it is skipped and counted.</summary>
    public sealed record OperatorOwned(WorkloadSnapshot Workload) : StopPlan(Workload);

    /// <summary>An annotation (schedule or state) cannot be read: left alone, a Warning Event says why.</summary>
    public sealed record Invalid(WorkloadSnapshot Workload, string Message) : StopPlan(Workload);
}
