using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Core.Replicas;

/// <summary>
/// The suspend and resume of a kind stopped through <c>spec.suspend</c> (a CronJob) as the sweeper sends them: one
/// JSON Patch on the main resource, led by the tests of what the decision read, so <c>spec.suspend</c> and its record
/// always change together and never on stale knowledge. The forget is <see cref="ReplicaPatches.Forget"/>.
/// </summary>
public static class SuspendPatches
{
    /// <summary>
    /// What a suspend tests: the version read, <c>spec.suspend</c> as read, and no <c>original-suspend</c> yet (a
    /// record written since, by another sweeper, must not be overwritten with a value that is now true).
    /// </summary>
    /// <remarks>
    /// A key of a map the object does not have cannot be tested (a missing parent fails the whole patch, 422): without
    /// annotations, the version alone says that none were added since.
    /// </remarks>
    public static PatchPreconditions StopPreconditions(WorkloadMetadata metadata, string resourceVersion, bool suspended)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new(resourceVersion)
        {
            Suspend = suspended,
            Annotations = metadata.Annotations is null ? [] : [KeyValuePair.Create(StopMarks.OriginalSuspend, (string?)null)],
        };
    }

    /// <summary>
    /// What a resume tests: the version read, still suspended, and the record's value as read: a person who resumed it
    /// or changed the record since fails the patch, and the restore decides again from a fresh read.
    /// </summary>
    public static PatchPreconditions RestorePreconditions(string resourceVersion, bool originalSuspend) =>
        new(resourceVersion)
        {
            Suspend = true,
            Annotations = [KeyValuePair.Create(StopMarks.OriginalSuspend, (string?)SuspendState.Format(originalSuspend))],
        };

    /// <summary>The preconditions' tests, then <see cref="StopWrites.Suspend"/>.</summary>
    public static JsonArray Stop(WorkloadMetadata metadata, bool currentSuspend, Instant now, PatchPreconditions preconditions)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return Document(preconditions, StopWrites.Suspend(metadata.Annotations, metadata.Labels, currentSuspend, now));
    }

    /// <summary>The preconditions' tests, then <see cref="StopWrites.Resume"/>.</summary>
    public static JsonArray Restore(WorkloadMetadata metadata, bool originalSuspend, PatchPreconditions preconditions)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return Document(preconditions, StopWrites.Resume(metadata.Annotations, metadata.Labels, originalSuspend));
    }

    private static JsonArray Document(PatchPreconditions preconditions, List<PatchOperation> writes)
    {
        ArgumentNullException.ThrowIfNull(preconditions);
        return JsonPatchNodes.Append(JsonPatchNodes.Of(preconditions.Tests()), writes);
    }
}
