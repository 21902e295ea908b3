using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// ReplicaSet UID → the Deployment that controls it (null: none does), kept across sweeps so that each ReplicaSet
/// costs one metadata GET in its whole life. A ReplicaSet's controller never changes while its UID lives (adoption
/// aside, which the next eviction corrects). One writer (the sweep), so no locking.
/// </summary>
public sealed class OwnerCache
{
    private readonly Dictionary<string, WorkloadRef?> _owners = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public int Count => _owners.Count;

    public bool Contains(string uid) => _owners.ContainsKey(uid);

    /// <summary>The Deployment of the ReplicaSet, marking the entry as still in use by this sweep.</summary>
    public WorkloadRef? Find(string uid)
    {
        if (_owners.TryGetValue(uid, out var owner))
        {
            _seen.Add(uid);
            return owner;
        }

        return null;
    }

    public void Set(string uid, WorkloadRef? deployment)
    {
        _owners[uid] = deployment;
        _seen.Add(uid);
    }

    /// <summary>Starts a full walk over the running pods.</summary>
    public void BeginSweep() => _seen.Clear();

    /// <summary>
    /// Ends a full walk: ReplicaSets no running pod pointed at are gone or scaled to zero and are forgotten, so the
    /// cache follows what runs and never grows with history. Call only after a walk that saw every page.
    /// </summary>
    public int EvictUnseen()
    {
        var gone = _owners.Keys.Where(uid => !_seen.Contains(uid)).ToList();
        foreach (var uid in gone)
        {
            _owners.Remove(uid);
        }

        return gone.Count;
    }
}
