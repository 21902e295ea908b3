using Tarnfui.Core.Policy;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Support;

/// <summary>Parent workloads by name, for HTTP tests that do not need an API server; counts the reads.</summary>
internal sealed class FakeParents : IParentWorkloadReader
{
    private readonly Dictionary<WorkloadRef, ParentWorkload> _parents = [];
    private int _reads;

    public int Reads => _reads;

    /// <summary>When set, every read throws it (an unexpected failure inside the handler).</summary>
    public Exception? Failure { get; set; }

    public void Set(WorkloadRef workload, ParentWorkload parent)
    {
        lock (_parents)
        {
            _parents[workload] = parent;
        }
    }

    public Task<ParentWorkload?> ReadAsync(WorkloadRef workload, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        if (Failure is not null)
        {
            throw Failure;
        }

        lock (_parents)
        {
            return Task.FromResult(_parents.GetValueOrDefault(workload));
        }
    }
}
