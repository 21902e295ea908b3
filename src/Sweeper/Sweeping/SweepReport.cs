using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>What one sweep did (or, in a dry run, would have done), and what it cost in requests by kind.</summary>
internal sealed class SweepReport(string sweepId, Instant at, bool dryRun)
{
    public string SweepId { get; } = sweepId;

    /// <summary>The instant the whole sweep was decided at (read once).</summary>
    public Instant At { get; } = at;

    public bool DryRun { get; } = dryRun;

    public List<WorkloadRef> Stopped { get; } = [];

    public List<WorkloadRef> Restored { get; } = [];

    /// <summary>Restores skipped because the count was changed while stopped: only the state was removed.</summary>
    public List<WorkloadRef> RestoreSkipped { get; } = [];

    /// <summary>Left alone because an annotation could not be read.</summary>
    public List<WorkloadRef> Invalid { get; } = [];

    public List<WorkloadRef> OperatorOwnedSkipped { get; } = [];

    /// <summary>KEDA ScaledObjects (<c>namespace/name</c>) paused, unpaused, and whose pause a person changed (only the record removed).</summary>
    public List<string> ScaledObjectsPaused { get; } = [];

    public List<string> ScaledObjectsUnpaused { get; } = [];

    public List<string> ScaledObjectsSkipped { get; } = [];

    /// <summary>Workloads the sweep gave up on (API errors after retries, or too many precondition failures).</summary>
    public List<WorkloadRef> Failed { get; } = [];

    /// <summary>Distinct workloads seen behind running pods.</summary>
    public int RunningWorkloads { get; internal set; }

    public int PodPages { get; internal set; }

    /// <summary>Pages of the namespace and stopped-workload lists (0 when the watches were current).</summary>
    public int ViewListPages { get; internal set; }

    public int OwnerLookups { get; internal set; }

    public int WorkloadReads { get; internal set; }

    /// <summary>Stops planned from a ReplicaSet's copy whose tests failed, so the workload was read after all.</summary>
    public int FastPathFallbacks { get; internal set; }

    public int Writes { get; internal set; }

    /// <summary>Precondition failures (409 or a failed JSON Patch test) that led to a re-read.</summary>
    public int Conflicts { get; internal set; }

    public TimeSpan Duration { get; internal set; }

    /// <summary>Whether the pod walk reached the last page (the owner cache is pruned only then).</summary>
    public bool Complete { get; internal set; }
}
