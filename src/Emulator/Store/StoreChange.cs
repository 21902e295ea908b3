namespace Tarnfui.Emulator.Store;

/// <summary>What happened to an object, with the watch wire names.</summary>
public enum StoreChangeType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// One committed write, as a watch event. For <see cref="StoreChangeType.Deleted"/> the object is the last state
/// stamped with the deletion's resourceVersion, as kube-apiserver sends it.
/// </summary>
public sealed record StoreChange(StoreChangeType Type, StoredObject Item)
{
    public long ResourceVersion => Item.ResourceVersion;

    /// <summary>ADDED / MODIFIED / DELETED.</summary>
    public string WireType => Type switch
    {
        StoreChangeType.Added => "ADDED",
        StoreChangeType.Modified => "MODIFIED",
        _ => "DELETED",
    };
}
