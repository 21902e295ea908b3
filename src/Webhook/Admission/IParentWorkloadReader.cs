using Tarnfui.Core.Policy;

namespace Tarnfui.Webhook.Admission;

/// <summary>Reads the workload behind a <c>/scale</c> request.</summary>
internal interface IParentWorkloadReader
{
    /// <returns>The workload, or null when it could not be read in time (the request is then allowed).</returns>
    Task<ParentWorkload?> ReadAsync(WorkloadRef workload, CancellationToken cancellationToken);
}
