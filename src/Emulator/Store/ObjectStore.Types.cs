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
        return true;
    }

    /// <summary>
    /// Carries the objects of custom types a CRD change replaced or removed: a replaced type's objects move to its new
    /// registration (the same objects, served with the new shape); a removed type's objects are deleted, each with a
    /// DELETED change, as the CRD finalizer deletes them before the CRD goes away.
    /// </summary>
    private void Retire(IReadOnlyList<(ResourceType Old, ResourceType? New)> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            foreach (var (old, replacement) in changes)
            {
                var objects = TableOf(old);
                if (replacement is not null)
                {
                    _tables[replacement] = TableOf(replacement).Union(objects.Select(o => StoredObject.From(replacement, o.ToJsonObject())));
                    _tables[old] = objects.Clear();
                    continue;
                }

                foreach (var obj in objects)
                {
                    RemoveLocked(old, obj);
                }
            }
        }
    }

    // A type no longer served keeps an empty table, so that a request that resolved it just before finds nothing
    // rather than failing; only the registry decides what is served.
    private ImmutableSortedSet<StoredObject> TableOf(ResourceType type) =>
        _tables.TryGetValue(type, out var table) ? table : ImmutableSortedSet.Create<StoredObject>(KeyOrder);

    // Under _gate: a create of a custom type that stopped being served meanwhile is a 404, as on a deleted CRD.
    private void RequireServed(ResourceType type)
    {
        if (type.IsCustom && !Types.IsServed(type))
        {
            throw StatusException.NotFound(type, "");
        }
    }
}
