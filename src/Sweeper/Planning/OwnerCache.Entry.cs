using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

internal sealed partial class OwnerCache
{
    /// <summary>What the cache holds of one ReplicaSet: its workload, its copy of the Deployment and when it was read.</summary>
    private sealed class Entry(WorkloadRef? workload)
    {
        public WorkloadRef? Workload { get; set; } = workload;

        public ReplicaSetCopy? Copy { get; private set; }

        public Instant ReadAt { get; private set; }

        // The sweep that read (or verified) it.
        public int Sweep { get; private set; }

        public bool Stale { get; set; }

        // The copy the watch last brought of the ReplicaSet (the one an exact copy replaced), or null: never watched.
        public ReplicaSetCopy? Watched { get; set; }

        // The last sweep whose pods named this ReplicaSet: a field of the entry, not a set of UIDs, which held a second
        // copy of every UID (the one of the pod page that named it) for the length of the sweep.
        public int SeenInSweep { get; set; }

        // Whether it had a copy before LetGoOfCopy.
        public bool HadCopy { get; private set; }

        public void LetGoOfCopy()
        {
            HadCopy |= Copy is not null;
            Copy = null;
            Watched = null;
        }

        public void Read(ReplicaSetCopy? copy, Instant at, int sweep)
        {
            HadCopy = false;
            Copy = copy;
            ReadAt = at;
            Sweep = sweep;
            Stale = false;
        }
    }
}
