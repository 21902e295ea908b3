using System.Collections.Immutable;

namespace Tarnfui.Emulator.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Serves <paramref name="types"/> as the types of the CRD <paramref name="crdName"/> (none: it stops serving any),
    /// then carries the objects of the types it replaced or removed (<see cref="Retire"/>). False, and nothing changes,
    /// when one of their plurals is served already by another owner.
    /// </summary>
    public bool ServeCustomTypes(string crdName, IReadOnlyList<ResourceType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        lock (_gate)
        {
            foreach (var type in types)
            {
                _tables.TryAdd(type, ImmutableSortedSet.Create<StoredObject>(KeyOrder));
            }
        }

        if (!Types.TryReplace(crdName, types, out var changes))
        {
            return false;
        }

        Retire(changes);
        Types.EndLifetimes(changes.Select(c => c.Old));
        return true;
    }

    /// <summary>
    /// Carries the objects of custom types a CRD change replaced or removed: while the CRD still has a storage version,
    /// they move to it (the same objects, apiVersion rewritten, as conversion strategy None does); once the CRD is
    /// gone they are deleted, each with a DELETED change, as the CRD finalizer deletes them before the CRD goes away.
    /// </summary>
    private void Retire(IReadOnlyList<(ResourceType Old, ResourceType? New)> changes)
    {
        lock (_gate)
        {
            foreach (var (old, _) in changes)
            {
                if (!_tables.TryGetValue(old, out var objects) || objects.Count == 0)
                {
                    continue;
                }

                var storage = Types.All.FirstOrDefault(t => t.Custom is { Storage: true } c && c.CrdName == old.Custom?.CrdName);
                if (storage is null)
                {
                    foreach (var obj in objects)
                    {
                        RemoveLocked(old, obj);
                    }

                    _tables[old] = objects.Clear();
                    continue;
                }

                _tables[storage] = TableOf(storage).Union(objects.Select(o =>
                {
                    var moved = o.ToJsonObject();
                    moved["apiVersion"] = storage.ApiVersion;
                    return StoredObject.From(storage, moved);
                }));
                _tables[old] = objects.Clear();
            }
        }
    }

    // A type no longer served keeps an empty table, so that a request that resolved it just before finds nothing
    // rather than failing; only the registry decides what is served.
    // All served versions of a custom resource share the storage version's table.
    private ImmutableSortedSet<StoredObject> TableOf(ResourceType type) =>
        _tables.TryGetValue(Types.StorageOf(type), out var table) ? table : ImmutableSortedSet.Create<StoredObject>(KeyOrder);

    // Under _gate: a create of a custom type that stopped being served meanwhile is a 404, as on a deleted CRD.
    private void RequireServed(ResourceType type)
    {
        if (type.IsCustom && !Types.IsServed(type))
        {
            throw StatusException.NotFound(type, "");
        }
    }
}
