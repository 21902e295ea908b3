using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// The owner cache written as plainly as its rules read, for <see cref="OwnerCacheReleasePropertyTests"/> to hold the
/// cache to: a release scans every entry for those of its workload (as the cache's first version did), entries are
/// keyed by the UID's text, and nothing is kept for later or shared.
/// </summary>
internal sealed class OwnerCacheReference(Duration maxAge, Func<OwnerRef, WatchedReplicaSet?> watched)
{
    private readonly Dictionary<string, Entry> _owners = new(StringComparer.Ordinal);
    private Instant _now = Instant.MinValue;
    private int _sweep;

    public int Count => _owners.Count;

    public bool Contains(OwnerRef replicaSet) => Lookup(replicaSet.Uid, replicaSet, out var current) is not null && current;

    public bool Contains(string uid) => Lookup(uid, null, out var current) is not null && current;

    public WorkloadRef? Find(OwnerRef replicaSet) => Lookup(replicaSet.Uid, replicaSet, out _)?.Workload;

    public WorkloadRef? Find(string uid) => Lookup(uid, null, out _)?.Workload;

    public ReplicaSetCopy? Copy(OwnerRef replicaSet) => Lookup(replicaSet.Uid, replicaSet, out _)?.Copy;

    public ReplicaSetCopy? Copy(string uid) => Lookup(uid, null, out _)?.Copy;

    public ReplicaSetCopy? AgedCopy(string uid) =>
        _owners.TryGetValue(uid, out var entry) && !entry.Stale && entry.Copy is { } copy && !Fresh(entry, uid) ? copy : null;

    public bool ReadThisSweep(string uid) => _owners.TryGetValue(uid, out var entry) && entry.Sweep == _sweep;

    public void Set(string uid, WorkloadRef? workload) => Put(uid, workload, null);

    public void Set(string uid, ReplicaSetCopy copy) => Put(uid, copy.Deployment, copy);

    public void Invalidate(string uid)
    {
        if (_owners.TryGetValue(uid, out var entry))
        {
            entry.Stale = true;
        }
    }

    public void Held(string uid)
    {
        if (_owners.TryGetValue(uid, out var entry))
        {
            entry.HadCopy |= entry.Copy is not null;
            entry.Copy = null;
            entry.Watched = null;
        }
    }

    public void Released(WorkloadSnapshot workload)
    {
        foreach (var entry in _owners.Values.Where(entry => entry.Workload == workload.Ref))
        {
            var copy = (entry.Copy is not null || entry.HadCopy) && workload.Ref.Kind == WorkloadKind.Deployment ? ReplicaSetCopy.Of(workload) : null;
            Read(entry, copy);
            entry.SeenInSweep = _sweep;
        }
    }

    public void BeginSweep(Instant now)
    {
        _now = now;
        _sweep++;
    }

    public int EvictUnseen(Func<WorkloadRef, bool> held)
    {
        var gone = _owners.Where(owner => owner.Value.SeenInSweep != _sweep && !(owner.Value.Workload is { } workload && held(workload)))
            .Select(owner => owner.Key)
            .ToList();
        foreach (var uid in gone)
        {
            _owners.Remove(uid);
        }

        return gone.Count;
    }

    private Entry? Lookup(string uid, OwnerRef? replicaSet, out bool current)
    {
        _owners.TryGetValue(uid, out var entry);
        if (replicaSet is not null && watched(replicaSet) is { } now)
        {
            current = true;
            entry ??= _owners[uid] = new Entry();
            entry.Workload = now.Workload;
            var keepsExact = entry.Copy is { Exact: true } && entry.Watched is not null && ReplicaSetCopy.Same(entry.Watched, now.Copy) && Fresh(entry, uid);
            if (!keepsExact)
            {
                Read(entry, now.Copy);
            }

            entry.Watched = now.Copy;
        }
        else
        {
            current = entry is not null && Fresh(entry, uid);
        }

        if (entry is not null)
        {
            entry.SeenInSweep = _sweep;
        }

        return entry;
    }

    private void Put(string uid, WorkloadRef? workload, ReplicaSetCopy? copy)
    {
        if (!_owners.TryGetValue(uid, out var entry))
        {
            entry = _owners[uid] = new Entry();
        }

        entry.Workload = workload;
        Read(entry, copy);
        entry.SeenInSweep = _sweep;
    }

    private void Read(Entry entry, ReplicaSetCopy? copy)
    {
        entry.HadCopy = false;
        entry.Copy = copy;
        entry.ReadAt = _now;
        entry.Sweep = _sweep;
        entry.Stale = false;
    }

    private bool Fresh(Entry entry, string uid) => !entry.Stale && entry.ReadAt + Lifetime(uid) > _now;

    // Between half the maximum age and all of it, by the UID's FNV-1a hash: the cache's rule, restated.
    private Duration Lifetime(string uid)
    {
        var hash = 2166136261u;
        foreach (var c in uid)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return maxAge * (0.5 + (0.5 * (hash % 1024) / 1024.0));
    }

    private sealed class Entry
    {
        public WorkloadRef? Workload { get; set; }

        public ReplicaSetCopy? Copy { get; set; }

        public Instant ReadAt { get; set; }

        public int Sweep { get; set; }

        public bool Stale { get; set; }

        public ReplicaSetCopy? Watched { get; set; }

        public int SeenInSweep { get; set; }

        public bool HadCopy { get; set; }
    }
}
