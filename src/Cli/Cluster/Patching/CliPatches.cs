using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Cli.Cluster.Patching;

/// <summary>
/// The CLI's writes: Core's stop/restore/forget patches (<see cref="ReplicaPatches"/>) with the CLI's own operation
/// appended, so each workload still changes in exactly one request behind a resourceVersion test.
/// </summary>
internal static class CliPatches
{
    /// <summary>A stop as the sweeper writes it; with <paramref name="endWake"/> the workload's <c>exclude-until</c> goes too.</summary>
    public static JsonArray Stop(Workload workload, int replicas, int downtimeReplicas, Instant now, bool endWake)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return EndWake(workload, ReplicaPatches.Stop(workload.Metadata, replicas, downtimeReplicas, now, Precondition(workload)), endWake);
    }

    /// <summary><paramref name="ops"/>, then the removal of the workload's <c>exclude-until</c> when <paramref name="endWake"/> and it has one.</summary>
    public static JsonArray EndWake(Workload workload, JsonArray ops, bool endWake)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(ops);
        if (endWake && workload.Metadata.HasAnnotation(WellKnown.Annotations.ExcludeUntil))
        {
            ops.Add(new JsonObject { ["op"] = "remove", ["path"] = JsonPointer.Annotation(WellKnown.Annotations.ExcludeUntil) });
        }

        return ops;
    }

    /// <summary>
    /// The sweeper's restore: the count back and the record removed, or only the record removed (<see cref="RestoreVerdict.Forget"/>,
    /// or no verdict when the workload was not stopped: then only leftover keys go).
    /// </summary>
    public static JsonArray Restore(Workload workload, RestoreVerdict? verdict)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return verdict is RestoreVerdict.Restore restore
            ? ReplicaPatches.Restore(workload.Metadata, restore.Replicas, Precondition(workload))
            : ReplicaPatches.Forget(workload.Metadata, Precondition(workload));
    }

    /// <summary>
    /// Wake: the restore (when stopped) and <c>exclude-until</c> in the same request, so the webhook already sees the
    /// exclusion when it admits the scale-up, and the sweeper never sees the one without the other.
    /// </summary>
    public static JsonArray Wake(Workload workload, RestoreVerdict? verdict, Instant until) => ExcludeUntil(workload, Restore(workload, verdict), until);

    /// <summary><paramref name="ops"/>, then <c>exclude-until</c> set to <paramref name="until"/>.</summary>
    public static JsonArray ExcludeUntil(Workload workload, JsonArray ops, Instant until)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(ops);
        if (workload.Metadata.Annotations is null)
        {
            // JSON Patch cannot add into a missing map; the restore removes keys but never the map itself.
            ops.Add(new JsonObject { ["op"] = "add", ["path"] = JsonPointer.Annotations, ["value"] = new JsonObject() });
        }

        ops.Add(new JsonObject { ["op"] = "add", ["path"] = JsonPointer.Annotation(WellKnown.Annotations.ExcludeUntil), ["value"] = AnnotationValues.FormatInstant(until) });
        return ops;
    }

    internal static PatchPreconditions Precondition(Workload workload) => PatchPreconditions.OnResourceVersion(workload.ResourceVersion);
}
