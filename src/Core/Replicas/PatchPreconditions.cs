namespace Tarnfui.Core.Replicas;

/// <summary>
/// What the object must still look like for a patch to apply, written as leading JSON Patch <c>test</c> operations.
/// When a test fails the API server rejects the whole patch (422; a concurrent write between its read and its
/// write gives 409), so the caller re-reads and decides again: nothing is written on stale knowledge.
/// </summary>
/// <param name="ResourceVersion">The <c>metadata.resourceVersion</c> the decision was made on: any change since fails the patch.</param>
/// <param name="Replicas">The <c>spec.replicas</c> the decision assumes, when the decision rests on the count alone.</param>
public sealed record PatchPreconditions(string? ResourceVersion, int? Replicas = null)
{
    /// <summary>No precondition: the patch applies to whatever the object is now.</summary>
    public static readonly PatchPreconditions None = new(null, null);

    public static PatchPreconditions OnResourceVersion(string resourceVersion) => new(resourceVersion);
}
