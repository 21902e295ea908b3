using System.Globalization;
using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Store;

public sealed partial class ObjectStore
{
    // A writer that loses this many races in a row is starved by a hot object; report the conflict rather than spin.
    private const int MaxUpdateAttempts = 100;

    /// <summary>
    /// Creates an object: completes its metadata (name from generateName, uid, creationTimestamp from the clock,
    /// resourceVersion, generation, the namespace's <c>kubernetes.io/metadata.name</c> label) and stores it.
    /// 404 when its namespace does not exist, 409 AlreadyExists when the name is taken.
    /// With <paramref name="dryRun"/> everything is checked and returned but nothing is stored.
    /// </summary>
    public StoredObject Create(ResourceType type, JsonObject obj, bool dryRun = false)
    {
        obj = StorageForm(type, obj);
        type = Types.StorageOf(type);
        ObjectDefaults.Apply(type, obj);
        var metadata = obj["metadata"]!.AsObject();
        var name = NameOf(type, metadata);
        var ns = type.Namespaced ? (string?)metadata["namespace"] ?? "" : null;
        if (type.Namespaced && ns!.Length == 0)
        {
            throw StatusException.BadRequest("the server could not find the requested resource: a namespace is required");
        }

        PrepareForCreate(type, metadata, name);
        lock (_gate)
        {
            RequireNamespace(type, ns);
            RequireServed(type);
            var table = TableOf(type);
            var probe = StoredObject.Probe(type, Key(type, ns, name));
            if (table.Contains(probe))
            {
                throw StatusException.AlreadyExists(type, name);
            }

            var resourceVersion = dryRun ? _resourceVersion : _resourceVersion + 1;
            metadata["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
            var stored = StoredObject.From(type, obj);
            if (!dryRun)
            {
                _tables[type] = table.Add(stored);
                Commit(new StoreChange(StoreChangeType.Added, stored));
            }

            return stored;
        }
    }

    /// <summary>
    /// Stores many new objects of one type at once (seeding): one lock, one table rebuild, the same metadata
    /// completion and change records as <see cref="Create"/>. Objects whose name is taken are an error.
    /// </summary>
    public int CreateMany(ResourceType type, IEnumerable<JsonObject> objects)
    {
        var prepared = new List<(JsonObject Obj, JsonObject Metadata, ObjectKey Key)>();
        foreach (var obj in objects)
        {
            ObjectDefaults.Apply(type, obj);
            var metadata = obj["metadata"]!.AsObject();
            var name = NameOf(type, metadata);
            PrepareForCreate(type, metadata, name);
            prepared.Add((obj, metadata, Key(type, (string?)metadata["namespace"], name)));
        }

        lock (_gate)
        {
            var builder = TableOf(type).ToBuilder();
            foreach (var ns in prepared.Select(p => p.Key.Namespace).Distinct())
            {
                RequireNamespace(type, type.Namespaced ? ns : null);
            }

            foreach (var (obj, metadata, key) in prepared)
            {
                metadata["resourceVersion"] = (_resourceVersion + 1).ToString(CultureInfo.InvariantCulture);
                var stored = StoredObject.From(type, obj);
                if (!builder.Add(stored))
                {
                    throw StatusException.AlreadyExists(type, key.Name);
                }

                Commit(new StoreChange(StoreChangeType.Added, stored));
            }

            _tables[type] = builder.ToImmutable();
        }

        return prepared.Count;
    }

    /// <summary>
    /// Replaces an object. <paramref name="expectedResourceVersion"/> (when given) must be the stored one, else
    /// 409 Conflict with the real server's message. uid and creationTimestamp are kept; generation is bumped
    /// when <c>spec</c> changes; an update that changes nothing stores nothing and keeps the resourceVersion.
    /// </summary>
    public StoredObject Update(ResourceType type, JsonObject obj, long? expectedResourceVersion = null, bool dryRun = false)
    {
        obj = StorageForm(type, obj);
        type = Types.StorageOf(type);
        ObjectDefaults.Apply(type, obj);
        var metadata = obj["metadata"]!.AsObject();
        var name = (string?)metadata["name"] ?? throw StatusException.Invalid(type, "", "metadata.name", "Required value: name is required");
        var key = Key(type, (string?)metadata["namespace"], name);
        var probe = StoredObject.Probe(type, key);
        while (true)
        {
            // Parse and compare outside the lock; under it only check that nothing moved, stamp and swap.
            var current = Get(type, key.Namespace, name) ?? throw StatusException.NotFound(type, name);
            if (expectedResourceVersion is { } expected && expected != current.ResourceVersion)
            {
                throw StatusException.Conflict(type, name);
            }

            var old = current.ToJsonObject();
            var oldMetadata = old["metadata"]!.AsObject();
            foreach (var kept in (string[])["uid", "creationTimestamp", "generation", "resourceVersion"])
            {
                metadata[kept] = oldMetadata[kept]?.DeepClone();
            }

            if (type.Namespaced)
            {
                metadata["namespace"] = key.Namespace;
            }

            if (JsonNode.DeepEquals(old, obj))
            {
                return current;
            }

            if (metadata["generation"] is not null && !JsonNode.DeepEquals(old["spec"], obj["spec"]))
            {
                metadata["generation"] = (StoreJson.WholeNumber(metadata["generation"]) ?? 0) + 1;
            }

            lock (_gate)
            {
                var table = TableOf(type);
                if (!table.TryGetValue(probe, out var latest))
                {
                    throw StatusException.NotFound(type, name);
                }

                if (!ReferenceEquals(latest, current))
                {
                    if (expectedResourceVersion is not null)
                    {
                        throw StatusException.Conflict(type, name);
                    }

                    continue; // an unconditional update applies to whatever is there now: redo it on the new state
                }

                var resourceVersion = dryRun ? _resourceVersion : _resourceVersion + 1;
                metadata["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
                var stored = StoredObject.From(type, obj);
                if (!dryRun)
                {
                    _tables[type] = table.Remove(current).Add(stored);
                    Commit(new StoreChange(StoreChangeType.Modified, stored, current));
                }

                return stored;
            }
        }
    }

    /// <summary>
    /// Read-modify-write with the retry loop kube-apiserver's GuaranteedUpdate has: <paramref name="mutate"/> gets a
    /// fresh copy and returns false to leave the object alone. Used by the emulated controllers.
    /// </summary>
    public StoredObject? Update(ResourceType type, string? ns, string name, Func<JsonObject, bool> mutate)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = Get(type, ns, name);
            if (current is null)
            {
                return null;
            }

            var copy = current.ToJsonObject();
            if (!mutate(copy))
            {
                return current;
            }

            try
            {
                return Update(type, copy, current.ResourceVersion);
            }
            catch (StatusException e) when (e.Code == 409 && attempt < MaxUpdateAttempts)
            {
                // Someone wrote in between: re-read and apply the change again.
            }
        }
    }

    /// <summary>
    /// Deletes an object (404 when absent; 409 when <paramref name="expectedResourceVersion"/> is stale) and returns
    /// its last state. Deleting a Namespace deletes everything in it, as the namespace controller does.
    /// </summary>
    public StoredObject Delete(ResourceType type, string? ns, string name, long? expectedResourceVersion = null, bool dryRun = false)
    {
        type = Types.StorageOf(type);
        lock (_gate)
        {
            var table = TableOf(type);
            if (!table.TryGetValue(StoredObject.Probe(type, Key(type, ns, name)), out var current))
            {
                throw StatusException.NotFound(type, name);
            }

            if (expectedResourceVersion is { } expected && expected != current.ResourceVersion)
            {
                throw StatusException.Conflict(type, name);
            }

            if (dryRun)
            {
                return current;
            }

            if (type == ResourceTypes.Namespaces)
            {
                foreach (var contained in _tables.Keys.Where(t => t.Namespaced && t.Custom is not { Storage: false }).ToList())
                {
                    foreach (var obj in TableOf(contained).Where(o => o.Namespace == name).ToList())
                    {
                        RemoveLocked(contained, obj);
                    }
                }
            }

            return RemoveLocked(type, current);
        }
    }

    private StoredObject RemoveLocked(ResourceType type, StoredObject current)
    {
        _tables[type] = TableOf(type).Remove(current);
        var last = current.ToJsonObject();
        last["metadata"]!["resourceVersion"] = (_resourceVersion + 1).ToString(CultureInfo.InvariantCulture);
        var deleted = StoredObject.From(type, last);
        Commit(new StoreChange(StoreChangeType.Deleted, deleted));
        return deleted;
    }

    private void RequireNamespace(ResourceType type, string? ns)
    {
        if (type.Namespaced && !_tables[ResourceTypes.Namespaces].Contains(StoredObject.Probe(ResourceTypes.Namespaces, new ObjectKey("", ns!))))
        {
            throw StatusException.NotFound(ResourceTypes.Namespaces, ns!);
        }
    }

    // An object written through a type served from another's storage, in the form that storage keeps.
    private static JsonObject StorageForm(ResourceType type, JsonObject obj) =>
        EventVersions.IsServedFromCore(type) ? EventVersions.ToCore(obj) : obj;
}
