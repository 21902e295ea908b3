using System.Runtime.InteropServices;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// The entries of a cache keyed by something else (the owner cache, by ReplicaSet) that belong to one workload, for a
/// run of look-ups by workload: a morning's releases, one per restored workload. The first look-up since the entries
/// last changed scans them and keeps nothing, so a sweep that releases one workload builds no index; the second
/// groups every entry by its workload in one more scan, and it and the rest of the run are answered by a hash each. A
/// run of N look-ups costs two scans and N hashes, where a scan each would cost N times the entries.
/// </summary>
/// <remarks>
/// The groups are the only memory this costs, and only for the length of a run: the cache calls <see cref="Forget"/>
/// whenever an entry joins, leaves or changes workload (after which the groups would answer wrong), and where it knows
/// the run is over. No entry carries anything for it. Not thread-safe: the cache's one writer uses it.
/// </remarks>
internal sealed class EntriesByWorkload<TEntry>(Func<TEntry, WorkloadRef?> workloadOf)
    where TEntry : class
{
    private Dictionary<WorkloadRef, Group>? _groups;
    private bool _scanned;

    /// <summary>
    /// The entries of <paramref name="workload"/> among <paramref name="entries"/>: all the cache's entries, the same
    /// ones at every look-up until <see cref="Forget"/>.
    /// </summary>
    public Group Of(WorkloadRef workload, IReadOnlyCollection<TEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(entries);
        if (_groups is null && !_scanned)
        {
            _scanned = true;
            var found = default(Group);
            foreach (var entry in entries)
            {
                if (workloadOf(entry) == workload)
                {
                    found = found.With(entry);
                }
            }

            return found;
        }

        _groups ??= GroupAll(entries);
        return _groups.GetValueOrDefault(workload);
    }

    /// <summary>Drops the groups: the entries changed, or the run of look-ups is over.</summary>
    public void Forget()
    {
        _groups = null;
        _scanned = false;
    }

    private Dictionary<WorkloadRef, Group> GroupAll(IReadOnlyCollection<TEntry> entries)
    {
        // Sized once for the entries (at most one group each): growing it would leave each smaller table behind.
        var groups = new Dictionary<WorkloadRef, Group>(entries.Count);
        foreach (var entry in entries)
        {
            if (workloadOf(entry) is { } workload)
            {
                ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, workload, out _);
                group = group.With(entry);
            }
        }

        return groups;
    }

    /// <summary>
    /// The entries of one workload: most workloads have one ReplicaSet, held inline; a list only for those with more
    /// (a rollout stopped halfway).
    /// </summary>
    public readonly struct Group
    {
        private readonly TEntry? _first;
        private readonly List<TEntry>? _more;

        private Group(TEntry first, List<TEntry>? more)
        {
            _first = first;
            _more = more;
        }

        public Enumerator GetEnumerator() => new(this);

        // This group with the entry added; the list, once made, is added to in place.
        internal Group With(TEntry entry)
        {
            if (_first is null)
            {
                return new Group(entry, null);
            }

            if (_more is null)
            {
                return new Group(_first, [entry]);
            }

            _more.Add(entry);
            return this;
        }

        public struct Enumerator(Group group)
        {
            // -1: before the first entry; 0: at it; from 1: at the list's entry before.
            private int _at = -1;

            public readonly TEntry Current => _at == 0 ? group._first! : group._more![_at - 1];

            public bool MoveNext()
            {
                _at++;
                return _at == 0 ? group._first is not null : group._more is { } more && _at <= more.Count;
            }
        }
    }
}
