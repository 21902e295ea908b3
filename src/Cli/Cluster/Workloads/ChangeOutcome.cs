using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Workloads;

/// <summary>How a change to one workload ended.</summary>
internal enum ChangeResult
{
    Changed,
    Unchanged,
    Refused,
    NotFound,
}

/// <summary>The end of a change to one workload, with the sentence printed for it.</summary>
internal sealed record ChangeOutcome(WorkloadRef Workload, ChangeResult Result, string Message)
{
    /// <summary>Whether the command should exit 1 because of this workload.</summary>
    public bool Failed => Result is ChangeResult.Refused or ChangeResult.NotFound;
}
