using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// Counts, over the pages of one walk, the live pods of the workloads the stopped set holds. More live pods than the
/// count a stop set means someone raised the workload while it was stopped (the webhook in warn mode lets it through,
/// a write may go around the webhook): only those are read and stopped again, so a quiet night costs no request.
/// </summary>
/// <param name="running">About how many workloads run (0 when unknown): how many this walk may stop.</param>
internal sealed class StoppedPodTally(int running = 0)
{
    private readonly Dictionary<WorkloadRef, int> _live = [];
    private readonly HashSet<WorkloadRef> _stoppedByThisWalk = [];

    /// <summary>
    /// A workload this walk stops: its pods on later pages are the ones the stop takes away (pages are read from one
    /// snapshot, before the stop), so they are not counted.
    /// </summary>
    public void Stopping(WorkloadRef workload)
    {
        // Sized at the first stop for all that run: a walk that stops one stops most (the evening's), and its set would
        // otherwise double step by step, each step leaving the last table as garbage, at the same counts as the walk's
        // other sets of workloads.
        if (_stoppedByThisWalk.Count == 0)
        {
            _stoppedByThisWalk.EnsureCapacity(running);
        }

        _stoppedByThisWalk.Add(workload);
        _live.Remove(workload);
    }

    /// <summary>Adds the pods of a page whose workload <paramref name="stopped"/> says is stopped.</summary>
    public void Add(IEnumerable<RunningPod> pods, OwnerCache owners, Func<WorkloadRef, bool> stopped)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(stopped);
        foreach (var pod in pods)
        {
            // A pod being deleted is one the stop already took away: it is still Running until its grace period ends.
            if (!pod.Terminating && OwnerWalk.WorkloadOf(pod, owners) is { } workload && !_stoppedByThisWalk.Contains(workload) && stopped(workload))
            {
                _live[workload] = _live.GetValueOrDefault(workload) + 1;
            }
        }
    }

    /// <summary>
    /// The workloads with more live pods than the count their record says the stop set. A record without that count
    /// (written before Tarnfui kept it) is never taken as raised.
    /// </summary>
    public IEnumerable<WorkloadRef> Raised(Func<WorkloadRef, WorkloadSnapshot?> stopped)
    {
        ArgumentNullException.ThrowIfNull(stopped);
        foreach (var (workload, live) in _live)
        {
            if (stopped(workload)?.Metadata.ReadStoppedState() is { IsValid: true, Value.HeldReplicas: { } held } && live > held)
            {
                yield return workload;
            }
        }
    }
}
