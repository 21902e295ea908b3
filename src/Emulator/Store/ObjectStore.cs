using System.Collections.Immutable;
using NodaTime;

namespace Tarnfui.Emulator.Store;

/// <summary>
/// The in-memory etcd of the sandbox: one sorted immutable table per type, one global resourceVersion counter,
/// a bounded history of changes for watches, and in-process subscriptions. Writers serialise on one lock held
/// only for the in-memory swap; readers take a consistent snapshot (table + resourceVersion) under the same
/// lock and then work without it, so a LIST of 100,000 objects never blocks a write.
/// </summary>
public sealed partial class ObjectStore
{
    private static readonly Comparer<StoredObject> KeyOrder = Comparer<StoredObject>.Create((a, b) => a.Key.CompareTo(b.Key));

    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceType, ImmutableSortedSet<StoredObject>> _tables;
    private readonly IClock _clock;
    private long _resourceVersion;

    public ObjectStore(IClock clock, int historyCapacity = 50_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyCapacity, 1);
        _clock = clock;
        _history = new StoreChange[historyCapacity];
        _tables = ResourceTypes.All.ToDictionary(t => t, _ => ImmutableSortedSet.Create<StoredObject>(KeyOrder));
    }

    /// <summary>The types served now: the built-ins and those of the established CustomResourceDefinitions.</summary>
    public ResourceRegistry Types { get; } = new();

    /// <summary>The resourceVersion of the last committed write.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>The object, or null.</summary>
    public StoredObject? Get(ResourceType type, string? ns, string name)
    {
        var probe = StoredObject.Probe(type, Key(type, ns, name));
        return Snapshot(type).Table.TryGetValue(probe, out var found) ? found : null;
    }

    /// <summary>The object, or a 404 <see cref="StatusException"/> worded like the real server's.</summary>
    public StoredObject GetRequired(ResourceType type, string? ns, string name) =>
        Get(type, ns, name) ?? throw StatusException.NotFound(type, name);

    /// <summary>How many objects of the type are stored (all namespaces).</summary>
    public int Count(ResourceType type) => Snapshot(type).Table.Count;

    /// <summary>
    /// One page of objects of the type, in (namespace, name) order, in one namespace or all (<paramref name="ns"/> null).
    /// A continue token older than the watch history is a 410 Expired, as after an etcd compaction. A continued page
    /// reports the first page's resourceVersion, as kube-apiserver's does (it reads the rest of the list at that
    /// revision), so that a watch from the list's resourceVersion misses no change made while paging; its items are
    /// read as they are now, not at that revision (a documented difference).
    /// </summary>
    public ListPage List(ResourceType type, string? ns, ListQuery query)
    {
        var (table, resourceVersion, compactedThrough) = Snapshot(type);
        var labels = query.LabelSelector ?? LabelSelector.Everything;
        var fields = query.FieldSelector ?? FieldSelector.Everything;
        var scope = type.Namespaced ? ns : null;

        var start = 0;
        if (query.Continue is { Length: > 0 } token)
        {
            var (tokenVersion, lastKey) = ContinueToken.Decode(token);
            if (tokenVersion < compactedThrough)
            {
                throw StatusException.Gone(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            }

            resourceVersion = tokenVersion;

            var index = table.IndexOf(StoredObject.Probe(type, lastKey));
            start = index >= 0 ? index + 1 : ~index;
        }
        else if (scope is not null)
        {
            var index = table.IndexOf(StoredObject.Probe(type, new ObjectKey(scope, "")));
            start = index >= 0 ? index : ~index;
        }

        if (fields.PinnedName is { } pinned && query.Continue is null && (scope is not null || !type.Namespaced))
        {
            // A field selector on one name is a point read; kubectl sends it for `get x --watch`.
            var found = table.TryGetValue(StoredObject.Probe(type, new ObjectKey(scope ?? "", pinned)), out var hit)
                && labels.Matches(hit) && fields.Matches(hit);
            return new ListPage(found ? [hit!] : [], resourceVersion, null, null);
        }

        var limit = query.Limit > 0 ? query.Limit : int.MaxValue;
        var items = new List<StoredObject>(Math.Min(limit, Math.Max(0, table.Count - start)));
        var filtered = !labels.IsEverything || !fields.IsEverything;
        var position = start;
        foreach (var candidate in From(table, start))
        {
            if (scope is not null && candidate.Namespace != scope)
            {
                break;
            }

            if (filtered && !(labels.Matches(candidate) && fields.Matches(candidate)))
            {
                position++;
                continue;
            }

            if (items.Count == limit)
            {
                break;
            }

            items.Add(candidate);
            position++;
        }

        var more = position < table.Count && (scope is null || table[position].Namespace == scope) && items.Count == limit;
        var next = more ? ContinueToken.Encode(resourceVersion, items[^1].Key) : null;
        // kube-apiserver counts what is left of the key range it read (a namespace's keys for a namespaced list) and
        // only when nothing filters it: staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go, GetList.
        long? remaining = more && !filtered ? RangeEnd(table, type, scope) - position : null;
        return new ListPage(items, resourceVersion, next, remaining);
    }

    // The index after the last object of the namespace (of the table for a cluster-wide list): "\0" sorts a namespace
    // name after every key of that namespace and before every longer name.
    private static int RangeEnd(ImmutableSortedSet<StoredObject> table, ResourceType type, string? scope) =>
        scope is null ? table.Count : ~table.IndexOf(StoredObject.Probe(type, new ObjectKey(scope + "\0", "")));

    /// <summary>Every object of the type (all namespaces), in key order, as of now.</summary>
    public IReadOnlyList<StoredObject> All(ResourceType type) => Snapshot(type).Table;

    // From the start the tree's in-order enumerator is cheapest; from the middle (a continue token, a namespace)
    // the O(log n) indexer is, as ImmutableSortedSet cannot start an enumeration at an index.
    private static IEnumerable<StoredObject> From(ImmutableSortedSet<StoredObject> table, int start)
    {
        if (start == 0)
        {
            foreach (var item in table)
            {
                yield return item;
            }

            yield break;
        }

        for (var i = start; i < table.Count; i++)
        {
            yield return table[i];
        }
    }

    private (ImmutableSortedSet<StoredObject> Table, long ResourceVersion, long CompactedThrough) Snapshot(ResourceType type)
    {
        lock (_gate)
        {
            return (TableOf(type), _resourceVersion, _compactedThrough);
        }
    }

    internal static ObjectKey Key(ResourceType type, string? ns, string name) =>
        new(type.Namespaced ? ns ?? "" : "", name);
}
