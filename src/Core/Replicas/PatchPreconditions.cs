using Tarnfui.Core.StopRecord;

namespace Tarnfui.Core.Replicas;

/// <summary>
/// What the object must still look like for a patch to apply, written as leading JSON Patch <c>test</c> operations.
/// When a test fails the API server rejects the whole patch (422; a concurrent write between its read and its
/// write gives 409), so the caller re-reads and decides again: nothing is written on stale knowledge.
/// </summary>
/// <remarks>
/// A <c>null</c> expected value (in <see cref="Annotations"/>, <see cref="Labels"/>, <see cref="NoOwnerReferences"/>)
/// tests that the key is absent. RFC 6902 calls a test of a missing member an error, but kube-apiserver applies
/// JSON Patch with evanphx/json-patch, whose <c>test</c> of <c>null</c> passes on a member missing from an existing
/// object and fails on any present value. Either way the failure is on the safe side: a server that follows the RFC
/// strictly rejects the patch and the caller falls back to reading the object.
/// </remarks>
/// <param name="ResourceVersion">The <c>metadata.resourceVersion</c> the decision was made on: any change since fails the patch.</param>
/// <param name="Replicas">The <c>spec.replicas</c> the decision assumes, when the decision rests on the count alone.</param>
public sealed record PatchPreconditions(string? ResourceVersion, int? Replicas = null)
{
    /// <summary>No precondition: the patch applies to whatever the object is now.</summary>
    public static readonly PatchPreconditions None = new(null, null);

    /// <summary>The <c>metadata.uid</c> the decision is about: an object deleted and re-created under the same name fails it.</summary>
    public string? Uid { get; init; }

    /// <summary>Annotation values the decision read, in order; a null value means the annotation must be absent.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Annotations { get; init; } = [];

    /// <summary>Label values the decision read, in order; a null value means the label must be absent.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Labels { get; init; } = [];

    /// <summary>The <c>spec.suspend</c> the decision assumes, for a kind stopped through it (a CronJob).</summary>
    public bool? Suspend { get; init; }

    /// <summary>The object must carry no ownerReferences (so no operator controls it).</summary>
    public bool NoOwnerReferences { get; init; }

    public static PatchPreconditions OnResourceVersion(string resourceVersion) => new(resourceVersion);

    /// <summary>The leading <c>test</c> operations, in a fixed order: uid, resourceVersion, ownerReferences, replicas, suspend, annotations, labels.</summary>
    public List<PatchOperation> Tests()
    {
        var tests = new List<PatchOperation>();
        if (Uid is { } uid)
        {
            tests.Add(new(PatchOperationKind.Test, PatchPaths.Uid, new PatchValue.Text(uid)));
        }

        if (ResourceVersion is { } resourceVersion)
        {
            tests.Add(new(PatchOperationKind.Test, PatchPaths.ResourceVersion, new PatchValue.Text(resourceVersion)));
        }

        if (NoOwnerReferences)
        {
            tests.Add(new(PatchOperationKind.Test, PatchPaths.OwnerReferences, PatchValue.Absent));
        }

        if (Replicas is { } replicas)
        {
            tests.Add(new(PatchOperationKind.Test, PatchPaths.Replicas, new PatchValue.Number(replicas)));
        }

        if (Suspend is { } suspend)
        {
            tests.Add(new(PatchOperationKind.Test, PatchPaths.Suspend, new PatchValue.Flag(suspend)));
        }

        foreach (var (key, value) in Annotations)
        {
            tests.Add(new(PatchOperationKind.Test, PatchPaths.Annotation(key), PatchValue.TextOrAbsent(value)));
        }

        foreach (var (key, value) in Labels)
        {
            tests.Add(new(PatchOperationKind.Test, PatchPaths.Label(key), PatchValue.TextOrAbsent(value)));
        }

        return tests;
    }
}
