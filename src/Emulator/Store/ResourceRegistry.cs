namespace Tarnfui.Emulator.Store;

/// <summary>
/// The types the sandbox serves now: the built-ins, plus the versions of every established CustomResourceDefinition.
/// Readers take an immutable snapshot without locking, so a request that resolved a type keeps a consistent view
/// while a CRD is added or removed; each custom type has a lifetime token that is cancelled when it stops being
/// served, which ends its watches.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceType, CancellationTokenSource> _lifetimes = [];
    private volatile Snapshot _snapshot = new(ResourceTypes.All);

    /// <summary>Every type served, in discovery order (built-ins first, then custom types by registration).</summary>
    public IReadOnlyList<ResourceType> All => _snapshot.Types;

    /// <summary>The group/versions served, in discovery order (the legacy core group first).</summary>
    public IReadOnlyList<(string Group, string Version)> GroupVersions => _snapshot.GroupVersions;

    /// <summary>The type served at <c>/apis/{group}/{version}/{plural}</c>, or null.</summary>
    public ResourceType? Find(string group, string version, string plural) =>
        _snapshot.ByPlural.GetValueOrDefault((group, version, plural));

    /// <summary>The type whose objects carry this apiVersion and kind, or null.</summary>
    public ResourceType? FindByKind(string apiVersion, string kind) =>
        _snapshot.Types.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind);

    /// <summary>
    /// The type whose table holds the objects of <paramref name="type"/>: for a custom resource, its CRD's storage
    /// version (every served version is the same object, conversion strategy None); for <c>events.k8s.io/v1</c> Events
    /// the core Events (<see cref="EventVersions"/>); otherwise the type itself.
    /// </summary>
    public ResourceType StorageOf(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (EventVersions.IsServedFromCore(type))
        {
            return ResourceTypes.CoreEvents;
        }

        if (type.Custom is not { Storage: false } custom)
        {
            return type;
        }

        return _snapshot.Types.FirstOrDefault(t => t.Custom is { Storage: true } c && c.CrdName == custom.CrdName) ?? type;
    }

    /// <summary>True while <paramref name="type"/> (this very registration) is served.</summary>
    public bool IsServed(ResourceType type) => _snapshot.ByPlural.GetValueOrDefault((type.Group, type.Version, type.Plural)) == type;

    /// <summary>Cancelled when <paramref name="type"/> stops being served; never for a built-in.</summary>
    public CancellationToken Lifetime(ResourceType type)
    {
        lock (_gate)
        {
            return _lifetimes.TryGetValue(type, out var lifetime) ? lifetime.Token
                : IsServed(type) ? CancellationToken.None : new CancellationToken(canceled: true);
        }
    }

    /// <summary>
    /// Makes <paramref name="types"/> the types of the CRD <paramref name="crdName"/>. A type whose shape is unchanged
    /// keeps its registration (its objects and watches carry on); the replaced and removed ones are returned, for the
    /// caller to move or delete their objects and then <see cref="EndLifetimes"/>. A plural already served by another owner is refused (false), as NamesAccepted=False.
    /// </summary>
    public bool TryReplace(string crdName, IReadOnlyList<ResourceType> types, out IReadOnlyList<(ResourceType Old, ResourceType? New)> changes)
    {
        lock (_gate)
        {
            var current = _snapshot.Types;
            var owned = current.Where(t => t.Custom?.CrdName == crdName).ToList();
            var taken = current.Except(owned).Select(t => (t.Group, t.Version, t.Plural)).ToHashSet();
            if (types.Any(t => taken.Contains((t.Group, t.Version, t.Plural))))
            {
                changes = [];
                return false;
            }

            var kept = new List<ResourceType>();
            var changed = new List<(ResourceType Old, ResourceType? New)>();
            foreach (var type in types)
            {
                var old = owned.FirstOrDefault(o => o.Version == type.Version);
                if (old is not null && old.Shape == type.Shape)
                {
                    kept.Add(old);
                    continue;
                }

                kept.Add(type);
                _lifetimes[type] = new CancellationTokenSource();
                if (old is not null)
                {
                    changed.Add((old, type));
                }
            }

            changed.AddRange(owned.Where(o => !types.Any(t => t.Version == o.Version)).Select(o => (o, (ResourceType?)null)));
            _snapshot = new Snapshot([.. current.Where(t => t.Custom?.CrdName != crdName), .. kept]);
            changes = changed;
            return true;
        }
    }

    /// <summary>Ends the lifetimes of types <see cref="TryReplace"/> replaced or removed, once their objects are dealt with.</summary>
    public void EndLifetimes(IEnumerable<ResourceType> retired)
    {
        ArgumentNullException.ThrowIfNull(retired);
        lock (_gate)
        {
            foreach (var type in retired)
            {
                if (_lifetimes.Remove(type, out var lifetime))
                {
                    lifetime.Cancel();
                    lifetime.Dispose();
                }
            }
        }
    }

    /// <summary>The types the CRD <paramref name="crdName"/> serves now.</summary>
    public IReadOnlyList<ResourceType> OwnedBy(string crdName) => _snapshot.Types.Where(t => t.Custom?.CrdName == crdName).ToList();

    private sealed class Snapshot
    {
        public Snapshot(IReadOnlyList<ResourceType> types)
        {
            Types = types;
            GroupVersions = types.Select(t => (t.Group, t.Version)).Distinct().ToList();
            ByPlural = types.ToDictionary(t => (t.Group, t.Version, t.Plural));
        }

        public IReadOnlyList<ResourceType> Types { get; }
        public IReadOnlyList<(string Group, string Version)> GroupVersions { get; }
        public Dictionary<(string Group, string Version, string Plural), ResourceType> ByPlural { get; }
    }
}
