using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Core.StopRecord;

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

    /// <summary><paramref name="ops"/>, then <c>exclude-until</c> set to <paramref name="until"/>; a wake-up ends the workload's forced sleep (<c>sleep-until</c>).</summary>
    public static JsonArray ExcludeUntil(Workload workload, JsonArray ops, Instant until) =>
        SetInstant(workload, EndSleep(workload, ops), WellKnown.Annotations.ExcludeUntil, until);

    /// <summary><paramref name="ops"/>, then <c>sleep-until</c> set to <paramref name="until"/> and the workload's <c>exclude-until</c> removed, so the two are never left together.</summary>
    public static JsonArray SleepUntil(Workload workload, JsonArray ops, Instant until)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(ops);
        var hasWakeRemoval = ops.Any(op => op?["op"]?.GetValue<string>() == "remove" && op["path"]?.GetValue<string>() == JsonPointer.Annotation(WellKnown.Annotations.ExcludeUntil));
        return SetInstant(workload, EndWake(workload, ops, endWake: !hasWakeRemoval), WellKnown.Annotations.SleepUntil, until);
    }

    /// <summary><paramref name="ops"/>, then the removal of the workload's <c>sleep-until</c> when it has one (a wake-up or a restore ends a forced sleep).</summary>
    public static JsonArray EndSleep(Workload workload, JsonArray ops)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(ops);
        if (workload.Metadata.HasAnnotation(WellKnown.Annotations.SleepUntil))
        {
            ops.Add(new JsonObject { ["op"] = "remove", ["path"] = JsonPointer.Annotation(WellKnown.Annotations.SleepUntil) });
        }

        return ops;
    }

    /// <summary>The resourceVersion test alone, for a write that changes annotations only.</summary>
    public static JsonArray Tested(Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return JsonPatchNodes.Of(Precondition(workload).Tests());
    }

    private static JsonArray SetInstant(Workload workload, JsonArray ops, string key, Instant until)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(ops);
        var mapAdded = ops.Any(op => op?["op"]?.GetValue<string>() == "add" && op["path"]?.GetValue<string>() == JsonPointer.Annotations);
        if (workload.Metadata.Annotations is null && !mapAdded)
        {
            // JSON Patch cannot add into a missing map; the restore removes keys but never the map itself.
            ops.Add(new JsonObject { ["op"] = "add", ["path"] = JsonPointer.Annotations, ["value"] = new JsonObject() });
        }

        ops.Add(new JsonObject { ["op"] = "add", ["path"] = JsonPointer.Annotation(key), ["value"] = AnnotationValues.FormatInstant(until) });
        return ops;
    }

    internal static PatchPreconditions Precondition(Workload workload) => PatchPreconditions.OnResourceVersion(workload.ResourceVersion);
}
