using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// ReplicaSet UID → what its metadata says of the workload that controls it (null: none Tarnfui scales), kept across
/// sweeps. A ReplicaSet's controller never changes while its UID lives (adoption aside, which the next eviction
/// corrects), but the copy of the Deployment's annotations and count it carries does. While the watch of the
/// ReplicaSets that run holds one (<see cref="WatchedReplicaSet"/>), the entry is what the watch last brought: current
/// at any age, so a daytime sweep reads no ReplicaSet. Otherwise (not watching, the watch down, a ReplicaSet just
/// scaled to zero or not reported yet) an entry older than <see cref="MaxAge"/> counts as unknown and is read again.
/// One writer (the sweep, whose restore pass awaits each write and its <see cref="Released"/> before the next), so no
/// locking.
/// </summary>
/// <remarks>
/// A Deployment read in full replaces its ReplicaSet's copy with an exact one (<see cref="ReplicaSetCopy.Exact"/>),
/// which is what lets a workload left running by its own annotations go unread. It stands while the watched copy is the
/// one it replaced, and for <see cref="MaxAge"/> at most: the deployment controller copies an annotation added or
/// changed, and a new count or revision, onto the ReplicaSet, which the watch brings; but never an annotation's
/// removal, which only a new read of the Deployment can show.
/// </remarks>
internal sealed partial class OwnerCache(Duration maxAge, Func<OwnerRef, WatchedReplicaSet?>? watched)
{
    // Keyed by the ReplicaSet's UID as ObjectUid: 16 bytes in the entry instead of a string of 94.
    private readonly Dictionary<ObjectUid, Entry> _owners = [];

    // Released's way from a workload to its entries: one scan, and an index only for a run of releases (the restore pass).
    private readonly EntriesByWorkload<Entry> _byWorkload = new(static entry => entry.Workload);

    private Instant _now = Instant.MinValue;
    private int _sweep;

    public OwnerCache()
        : this(Duration.FromMinutes(5))
    {
    }

    /// <summary>A cache that no watch keeps current: every entry ages.</summary>
    public OwnerCache(Duration maxAge)
        : this(maxAge, null)
    {
    }

    /// <summary>How long an entry the watch does not hold, or an exact copy of a Deployment, is trusted before it is read again.</summary>
    public Duration MaxAge { get; } = maxAge;

    public int Count => _owners.Count;

    /// <summary>
    /// Whether the cache holds a current entry for the ReplicaSet (else it is to be read again): one the watch holds, or
    /// a fresh one. An entry the watch does not hold lives between half of <see cref="MaxAge"/> and all of it, a fraction
    /// fixed by its UID: entries read in the same sweep then come due over several sweeps instead of all in one, which
    /// the client's rate limit would stretch past the sweep interval.
    /// </summary>
    public bool Contains(OwnerRef replicaSet)
    {
        ArgumentNullException.ThrowIfNull(replicaSet);
        return Lookup(replicaSet.Uid, replicaSet, out var current) is not null && current;
    }

    /// <summary>Whether the cache holds a fresh entry for the ReplicaSet of that UID, without asking the watch.</summary>
    public bool Contains(string uid) => Lookup(uid, null, out var current) is not null && current;

    /// <summary>The workload of the ReplicaSet, marking the entry as still in use by this sweep.</summary>
    public WorkloadRef? Find(OwnerRef replicaSet)
    {
        ArgumentNullException.ThrowIfNull(replicaSet);
        return Lookup(replicaSet.Uid, replicaSet, out _)?.Workload;
    }

    /// <summary>The workload of the ReplicaSet of that UID as the cache holds it, marking the entry as in use.</summary>
    public WorkloadRef? Find(string uid) => Lookup(uid, null, out _)?.Workload;

    /// <summary>What the ReplicaSet says of its Deployment, marking the entry as still in use by this sweep.</summary>
    public ReplicaSetCopy? Copy(OwnerRef replicaSet)
    {
        ArgumentNullException.ThrowIfNull(replicaSet);
        return Lookup(replicaSet.Uid, replicaSet, out _)?.Copy;
    }

    /// <summary>What the ReplicaSet of that UID says of its Deployment as the cache holds it, marking the entry as in use.</summary>
    public ReplicaSetCopy? Copy(string uid) => Lookup(uid, null, out _)?.Copy;

    /// <summary>
    /// The copy of an entry that has only aged out (not one proved outdated by a failed patch), without marking it in
    /// use: the sweep decides from it whether reading the ReplicaSet again can change anything.
    /// </summary>
    public ReplicaSetCopy? AgedCopy(string uid) =>
        _owners.TryGetValue(ObjectUid.Of(uid), out var entry) && !entry.Stale && entry.Copy is { } copy && !Fresh(entry, uid) ? copy : null;

    /// <summary>Whether the entry was read (or verified) during the current sweep.</summary>
    public bool ReadThisSweep(string uid) => _owners.TryGetValue(ObjectUid.Of(uid), out var entry) && entry.Sweep == _sweep;

    /// <summary>Records a ReplicaSet whose copy is unknown or unusable: only its workload (or none).</summary>
    public void Set(string uid, WorkloadRef? workload) => Put(uid, workload, null);

    /// <summary>Records what a ReplicaSet's metadata (or its Deployment, read in full) says.</summary>
    public void Set(string uid, ReplicaSetCopy copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        Put(uid, copy.Deployment, copy);
    }

    /// <summary>Marks an entry to be read again at its next use unless the watch brings a new copy (its copy proved outdated).</summary>
    public void Invalidate(string uid)
    {
        if (_owners.TryGetValue(ObjectUid.Of(uid), out var entry))
        {
            entry.Stale = true;
        }
    }

    /// <summary>
    /// A ReplicaSet whose workload the sweeper has just stopped and holds at zero: its entry keeps the workload, and
    /// whether it had a copy (<see cref="Released"/> makes an exact one from the restore's answer), but lets go of the
    /// copy itself, which nothing decides from while the workload is held: the stop pass skips a held workload's pods,
    /// and the restore plans from the stopped set. Until the watch brings the ReplicaSet back, <see cref="Copy(OwnerRef)"/>
    /// answers null for it, and a workload that is not held after all is read, as one without a usable copy is.
    /// </summary>
    public void Held(string uid)
    {
        // A stop: any run of releases (the restore pass) is over, and the stop pass's memory is not to carry its index.
        _byWorkload.Forget();
        if (_owners.TryGetValue(ObjectUid.Of(uid), out var entry))
        {
            entry.LetGoOfCopy();
        }
    }

    /// <summary>
    /// A held workload released by the sweeper's own write (a restore, or a record forgotten), as the server answered
    /// it: the entries of its ReplicaSets, kept while it was held, are as good as read now. A Deployment's copy becomes
    /// the Deployment itself (exact); a Rollout's entry keeps its owner only, as its ReplicaSets carry no usable copy.
    /// Without this the pods the restore brings back would each cost a read of their ReplicaSet until the watch brings
    /// it back among those that run. A ReplicaSet the workload makes afterwards (a template changed overnight) is
    /// still read, unless the watch has brought it by then. Called within the sweep (after
    /// <see cref="BeginSweep(Instant)"/>): the entries count as read and seen in it. A run of releases costs a scan or two
    /// of the entries in all, not one each (<see cref="EntriesByWorkload{TEntry}"/>).
    /// </summary>
    public void Released(WorkloadSnapshot workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        foreach (var entry in _byWorkload.Of(workload.Ref, _owners.Values))
        {
            var copy = (entry.Copy is not null || entry.HadCopy) && workload.Ref.Kind == WorkloadKind.Deployment ? ReplicaSetCopy.Of(workload) : null;
            entry.Read(copy, _now, _sweep);
            entry.SeenInSweep = _sweep;
        }
    }

    /// <summary>Starts a full walk over the running pods, at the sweep's instant.</summary>
    public void BeginSweep(Instant now)
    {
        // The last sweep's run of releases, if any, is over: its index is not kept from one sweep to the next.
        _byWorkload.Forget();
        _now = now;
        _sweep++;
    }

    /// <summary>
    /// Makes room at once for <paramref name="replicaSets"/> entries (the ReplicaSets the watch says run): the table is
    /// sized once, where growing it through the first sweep would double it step by step, each step leaving the last
    /// table behind as garbage, and end up to twice as large as it needs to be.
    /// </summary>
    public void Expect(int replicaSets) => _owners.EnsureCapacity(replicaSets);

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
            .Where(owner => owner.Value.SeenInSweep != _sweep && !(owner.Value.Workload is { } workload && held is not null && held(workload)))
            .Select(owner => owner.Key)
            .ToList();

        // The walk is over, and entries leave.
        _byWorkload.Forget();
        foreach (var uid in gone)
        {
            _owners.Remove(uid);
        }

        return gone.Count;
    }

    // The entry of the ReplicaSet, marked seen in this sweep; what the watch holds of it replaces an entry it moved on
    // from. Current: held by the watch, or fresh.
    private Entry? Lookup(string uid, OwnerRef? replicaSet, out bool current)
    {
        var key = ObjectUid.Of(uid);
        _owners.TryGetValue(key, out var entry);
        if (replicaSet is not null && watched?.Invoke(replicaSet) is { } now)
        {
            current = true;
            entry = Own(key, entry, now.Workload);
            if (!KeepsExact(entry, now, uid))
            {
                entry.Read(now.Copy, _now, _sweep);
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

    // A Deployment read in full stands for it while its ReplicaSet's watched copy is the one it replaced, and until it
    // ages: an annotation removed from the Deployment is never copied onto the ReplicaSet.
    private bool KeepsExact(Entry entry, WatchedReplicaSet now, string uid) =>
        entry.Copy is { Exact: true } && entry.Watched is not null && ReplicaSetCopy.Same(entry.Watched, now.Copy) && Fresh(entry, uid);

    private void Put(string uid, WorkloadRef? workload, ReplicaSetCopy? copy)
    {
        var key = ObjectUid.Of(uid);
        _owners.TryGetValue(key, out var entry);
        entry = Own(key, entry, workload);
        entry.Read(copy, _now, _sweep);
        entry.SeenInSweep = _sweep;
    }

    // The entry of the key (made if there is none) with the workload just read: that instance, the one the watch shares.
    // One that joins a workload or moves to another changes what the index of a run of releases would answer.
    private Entry Own(ObjectUid key, Entry? entry, WorkloadRef? workload)
    {
        if (entry is null || entry.Workload != workload)
        {
            _byWorkload.Forget();
        }

        if (entry is null)
        {
            entry = new Entry(workload);
            _owners[key] = entry;
        }

        entry.Workload = workload;
        return entry;
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
}
