namespace Tarnfui.Emulator.Store;

/// <summary>What a LIST asks for: selectors, page size (0 = all) and the continue token of the previous page.</summary>
public sealed record ListQuery(LabelSelector? LabelSelector = null, FieldSelector? FieldSelector = null, int Limit = 0, string? Continue = null)
{
    public static readonly ListQuery All = new();
}

/// <summary>One page of a LIST: the items, the resourceVersion of the read, and the token of the next page.</summary>
public sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
