using System.Globalization;

namespace Tarnfui.Emulator.Store;

/// <summary>What happened to an object, with the watch wire names.</summary>
public enum StoreChangeType
{
    Added,
    Modified,
    Deleted,

    /// <summary>No object changed: the watch has seen everything up to <see cref="StoreChange.ResourceVersion"/>.</summary>
    Bookmark,
}

/// <summary>
/// One committed write, as a watch event. For <see cref="StoreChangeType.Deleted"/> the object is the last state
/// stamped with the deletion's resourceVersion, as kube-apiserver sends it. A <see cref="StoreChangeType.Modified"/>
/// change keeps the object as it was before (<see cref="Previous"/>): a filtered watch needs it to tell an object
/// leaving its selection from one that never was in it (<see cref="Selected"/>), when it is sent live and when it is
/// replayed from the history alike.
/// </summary>
public sealed record StoreChange(StoreChangeType Type, StoredObject Item, StoredObject? Previous = null)
{
    /// <summary>The resourceVersion of the write (for a bookmark, the one the watch has reached).</summary>
    public long ResourceVersion { get; init; } = Item.ResourceVersion;

    /// <summary>ADDED / MODIFIED / DELETED / BOOKMARK.</summary>
    public string WireType => Type switch
    {
        StoreChangeType.Added => "ADDED",
        StoreChangeType.Modified => "MODIFIED",
        StoreChangeType.Deleted => "DELETED",
        _ => "BOOKMARK",
    };

    /// <summary>A bookmark of a watch of <paramref name="type"/> at <paramref name="resourceVersion"/>; its item carries no object.</summary>
    public static StoreChange Bookmark(ResourceType type, long resourceVersion) =>
        new(StoreChangeType.Bookmark, StoredObject.Probe(type, new ObjectKey("", ""))) { ResourceVersion = resourceVersion };

    /// <summary>
    /// The change as a watch whose selection is <paramref name="selected"/> sees it, or null when it sees nothing.
    /// kube-apiserver's rule (staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go,
    /// <c>cacheWatcher.convertToWatchEvent</c>; etcd3/watcher.go's <c>transform</c> agrees): an update is MODIFIED when
    /// the object matches before and after, ADDED (the new object) when it matches only after, DELETED when it matches
    /// only before, carrying the previous object stamped with the update's resourceVersion, so that a client resuming
    /// from it does not go back in time; nothing when it matches neither. Creations, deletions and bookmarks pass when
    /// their object matches (bookmarks always).
    /// </summary>
    public StoreChange? Selected(Func<StoredObject, bool> selected)
    {
        ArgumentNullException.ThrowIfNull(selected);
        if (Type == StoreChangeType.Bookmark)
        {
            return this;
        }

        var now = selected(Item);
        if (Type != StoreChangeType.Modified || Previous is null)
        {
            return now ? this : null;
        }

        var before = selected(Previous);
        return (before, now) switch
        {
            (true, true) => this,
            (false, true) => new StoreChange(StoreChangeType.Added, Item),
            (true, false) => new StoreChange(StoreChangeType.Deleted, Restamped(Previous, ResourceVersion)),
            _ => null,
        };
    }

    private static StoredObject Restamped(StoredObject previous, long resourceVersion)
    {
        var json = previous.ToJsonObject();
        json["metadata"]!["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
        return StoredObject.From(previous.Type, json);
    }
}
