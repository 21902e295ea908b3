namespace Tarnfui.Core.StopRecord;

/// <summary>The four RFC 6902 operations Tarnfui writes.</summary>
public enum PatchOperationKind
{
    /// <summary>Creates the member, or replaces it when it exists: right where the member may be absent.</summary>
    Add,

    /// <summary>Replaces a member that must exist: the patch fails rather than create it.</summary>
    Replace,

    /// <summary>Removes a member that must exist.</summary>
    Remove,

    /// <summary>Fails the whole patch unless the member has the value (a null value: unless it is absent).</summary>
    Test,
}

/// <summary>
/// One JSON Patch operation in a neutral form that every writer serialises: the path is kept as raw segments
/// (<c>["metadata", "annotations", "tarnfui.io/stopped-at"]</c>) and only <see cref="Replicas.JsonPointer"/> escapes
/// them, so no caller can get the escaping wrong. <see cref="Value"/> is null for <see cref="PatchOperationKind.Remove"/>.
/// </summary>
public sealed record PatchOperation(PatchOperationKind Kind, IReadOnlyList<string> Path, PatchValue? Value)
{
    public static PatchOperation Add(PatchValue value, params IReadOnlyList<string> path) => new(PatchOperationKind.Add, path, value);

    public static PatchOperation Replace(PatchValue value, params IReadOnlyList<string> path) => new(PatchOperationKind.Replace, path, value);

    public static PatchOperation Remove(params IReadOnlyList<string> path) => new(PatchOperationKind.Remove, path, null);

    public static PatchOperation Test(PatchValue value, params IReadOnlyList<string> path) => new(PatchOperationKind.Test, path, value);

    /// <summary>The <c>op</c> member as RFC 6902 spells it.</summary>
    public string Op => Name(Kind);

    /// <summary>The <c>op</c> member of <paramref name="kind"/>.</summary>
    public static string Name(PatchOperationKind kind) => kind switch
    {
        PatchOperationKind.Add => "add",
        PatchOperationKind.Replace => "replace",
        PatchOperationKind.Remove => "remove",
        PatchOperationKind.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a JSON Patch operation Tarnfui writes"),
    };

    /// <summary><c>add /metadata/labels/tarnfui.io/stopped = "true"</c>: raw segments, for messages and tests.</summary>
    public override string ToString() => $"{Op} /{string.Join('/', Path)}" + (Value is null ? string.Empty : $" = {Value}");
}
