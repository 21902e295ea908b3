using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// ReplicaSet UID → what its metadata says of the Deployment that controls it (null: none does), kept across sweeps.
/// A ReplicaSet's controller never changes while its UID lives (adoption aside, which the next eviction corrects),
/// but the copy of the Deployment's annotations and count it carries does: an entry older than
/// <see cref="MaxAge"/> counts as unknown and is read again, which bounds how long a decision to leave a workload
/// running can rest on an outdated copy. One writer (the sweep), so no locking.
/// </summary>
internal sealed class OwnerCache(Duration maxAge)
{
    // Keyed by the ReplicaSet's UID as ObjectUid: 16 bytes in the entry instead of a string of 94.
    private readonly Dictionary<ObjectUid, Entry> _owners = [];
    private Instant _now = Instant.MinValue;
    private int _sweep;

    public OwnerCache()
        : this(Duration.FromMinutes(5))
    {
    }

    /// <summary>How long an entry is trusted before its ReplicaSet is read again.</summary>
    public Duration MaxAge { get; } = maxAge;

    public int Count => _owners.Count;

    /// <summary>
    /// Whether the cache holds a fresh entry for the ReplicaSet (a stale one is to be read again). An entry lives
    /// between half of <see cref="MaxAge"/> and all of it, a fraction fixed by its UID: entries read in the same sweep
    /// (all of them, on the first) then come due over several sweeps instead of all in one, which the client's rate
    /// limit would stretch past the sweep interval.
    /// </summary>
    public bool Contains(string uid) => _owners.TryGetValue(ObjectUid.Of(uid), out var entry) && Fresh(entry, uid);

    /// <summary>The Deployment of the ReplicaSet, marking the entry as still in use by this sweep.</summary>
    public WorkloadRef? Find(string uid) => Copy(uid, out var deployment) is { } copy ? copy.Deployment : deployment;

    /// <summary>What the ReplicaSet says of its Deployment, marking the entry as still in use by this sweep.</summary>
    public ReplicaSetCopy? Copy(string uid) => Copy(uid, out _);

    /// <summary>
    /// The copy of an entry that has only aged out (not one proved outdated by a failed patch), without marking it in
    /// use: the sweep decides from it whether reading the ReplicaSet again can change anything.
    /// </summary>
    public ReplicaSetCopy? AgedCopy(string uid) =>
        _owners.TryGetValue(ObjectUid.Of(uid), out var entry) && !entry.Stale && entry.Copy is { } copy && !Fresh(entry, uid) ? copy : null;

    /// <summary>Whether the entry was read (or verified) during the current sweep.</summary>
    public bool ReadThisSweep(string uid) => _owners.TryGetValue(ObjectUid.Of(uid), out var entry) && entry.Sweep == _sweep;

    /// <summary>Records a ReplicaSet whose copy is unknown or unusable: only its Deployment (or none).</summary>
    public void Set(string uid, WorkloadRef? deployment) => Put(uid, new Entry(deployment, null, _now, _sweep));

    /// <summary>Records what a ReplicaSet's metadata (or its Deployment, read in full) says.</summary>
    public void Set(string uid, ReplicaSetCopy copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        Put(uid, new Entry(copy.Deployment, copy, _now, _sweep));
    }

    /// <summary>Marks an entry to be read again at its next use (its copy proved outdated).</summary>
    public void Invalidate(string uid)
    {
        var key = ObjectUid.Of(uid);
        if (_owners.TryGetValue(key, out var entry))
        {
            _owners[key] = entry with { Stale = true };
        }
    }

    /// <summary>
    /// A held workload released by the sweeper's own write (a restore, or a record forgotten), as the server answered
    /// it: the entries of its ReplicaSets, kept while it was held, are as good as read now. A Deployment's copy becomes
    /// the Deployment itself (exact); a Rollout's entry keeps its owner only, as its ReplicaSets carry no usable copy.
    /// Without this the pods the restore brings back would each cost a read of their ReplicaSet, which says nothing
    /// the answer does not. A ReplicaSet the workload makes afterwards (a template changed overnight) is still read.
    /// Called within the sweep (after <see cref="BeginSweep(Instant)"/>): the entries count as read and seen in it.
    /// </summary>
    public void Released(WorkloadSnapshot workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        foreach (var (uid, entry) in _owners.Where(owner => owner.Value.Deployment == workload.Ref).ToList())
        {
            var copy = entry.Copy is not null && workload.Ref.Kind == WorkloadKind.Deployment ? ReplicaSetCopy.Of(workload) : null;
            _owners[uid] = new Entry(entry.Deployment, copy, _now, _sweep) { SeenInSweep = _sweep };
        }
    }

    /// <summary>Starts a full walk over the running pods, at the sweep's instant.</summary>
    public void BeginSweep(Instant now)
    {
        _now = now;
        _sweep++;
    }

    /// <summary>Starts a full walk over the running pods (entries do not age).</summary>
    public void BeginSweep() => BeginSweep(_now);

    /// <summary>
    /// Ends a full walk: ReplicaSets no running pod pointed at are gone or scaled to zero and are forgotten, so the
    /// cache follows what runs (and what is held) and never grows with history, except those of a workload
    /// <paramref name="held"/> says Tarnfui holds down: <see cref="Released"/> brings them up to date when it comes back.
    /// Call only after a walk that saw every page.
    /// </summary>
    public int EvictUnseen(Func<WorkloadRef, bool>? held = null)
    {
        var gone = _owners
            .Where(owner => owner.Value.SeenInSweep != _sweep && !(owner.Value.Deployment is { } workload && held is not null && held(workload)))
            .Select(owner => owner.Key)
            .ToList();
        foreach (var uid in gone)
        {
            _owners.Remove(uid);
        }

        return gone.Count;
    }

    private bool Fresh(Entry entry, string uid) => !entry.Stale && entry.ReadAt + Lifetime(uid) > _now;

    private Duration Lifetime(string uid)
    {
        // FNV-1a over the UID: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in uid)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return MaxAge * (0.5 + (0.5 * (hash % 1024) / 1024.0));
    }

    private ReplicaSetCopy? Copy(string uid, out WorkloadRef? deployment)
    {
        if (_owners.TryGetValue(ObjectUid.Of(uid), out var entry))
        {
            entry.SeenInSweep = _sweep;
            deployment = entry.Deployment;
            return entry.Copy;
        }

        deployment = null;
        return null;
    }

    private void Put(string uid, Entry entry)
    {
        entry.SeenInSweep = _sweep;
        _owners[ObjectUid.Of(uid)] = entry;
    }

    private sealed record Entry(WorkloadRef? Deployment, ReplicaSetCopy? Copy, Instant ReadAt, int Sweep)
    {
        public bool Stale { get; init; }

        // The last sweep whose pods named this ReplicaSet: a field of the entry, not a set of UIDs, which held a second
        // copy of every UID (the one of the pod page that named it) for the length of the sweep.
        public int SeenInSweep { get; set; }
    }
}
