using NodaTime;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Patching;

/// <summary>
/// The JSON Patches the commands send, each one write per workload with a resourceVersion test, so a workload is never
/// left half changed: stopped with its record, restored with its record removed, woken with its exclusion set.
/// </summary>
internal static class WorkloadPatches
{
    private const string Annotations = "annotations";
    private const string Labels = "labels";

    /// <summary>Stops as the sweeper does: replicas to the downtime value together with the record of the count to restore.</summary>
    /// <param name="workload">The workload, read with its replicas.</param>
    /// <param name="downtimeReplicas">Replicas kept during off-hours.</param>
    /// <param name="now">Written as <c>stopped-at</c>.</param>
    /// <param name="endWake">Also remove the workload's <c>exclude-until</c>, which would otherwise make the sweeper restore it at once.</param>
    public static JsonPatchBuilder Stop(Workload workload, int downtimeReplicas, Instant now, bool endWake)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var replicas = workload.Replicas ?? throw new ArgumentException("a stop needs the workload's replicas", nameof(workload));
        var patch = new JsonPatchBuilder()
            .TestResourceVersion(workload.ResourceVersion)
            .SetReplicas(downtimeReplicas)
            .Set(Annotations, workload.Annotations.Count > 0, WellKnown.Annotations.OriginalReplicas, replicas.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set(Annotations, workload.Annotations.Count > 0, WellKnown.Annotations.StoppedAt, AnnotationValues.FormatInstant(now))
            .Set(Labels, workload.Labels.Count > 0, WellKnown.Labels.Stopped, "true");
        if (endWake && workload.Annotations.ContainsKey(WellKnown.Annotations.ExcludeUntil))
        {
            patch.Remove(Annotations, WellKnown.Annotations.ExcludeUntil);
        }

        return patch;
    }

    /// <summary>
    /// Puts back the recorded count and removes the record. When someone changed the replicas while it was stopped
    /// (they are no longer the downtime value), their count stays and only the record goes, as in the sweeper's restore.
    /// </summary>
    public static JsonPatchBuilder Restore(Workload workload, int downtimeReplicas) => Restore(new JsonPatchBuilder().TestResourceVersion(workload.ResourceVersion), workload, downtimeReplicas);

    /// <summary>Restores (when stopped) and sets <c>exclude-until</c> in the same write, so the webhook lets the scale-up through.</summary>
    public static JsonPatchBuilder Wake(Workload workload, int downtimeReplicas, Instant until)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var patch = Restore(new JsonPatchBuilder().TestResourceVersion(workload.ResourceVersion), workload, downtimeReplicas);
        return patch.Set(Annotations, workload.Annotations.Count > 0, WellKnown.Annotations.ExcludeUntil, AnnotationValues.FormatInstant(until));
    }

    /// <summary>The count a restore writes, or null when it leaves the replicas as they are.</summary>
    public static int? RestoredReplicas(Workload workload, int downtimeReplicas)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload.Stopped is { } stopped && (workload.Replicas is null || workload.Replicas == downtimeReplicas)
            ? stopped.OriginalReplicas
            : null;
    }

    private static JsonPatchBuilder Restore(JsonPatchBuilder patch, Workload workload, int downtimeReplicas)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (RestoredReplicas(workload, downtimeReplicas) is { } original)
        {
            patch.SetReplicas(original);
        }

        foreach (var key in new[] { WellKnown.Annotations.OriginalReplicas, WellKnown.Annotations.StoppedAt })
        {
            if (workload.Annotations.ContainsKey(key))
            {
                patch.Remove(Annotations, key);
            }
        }

        if (workload.Labels.ContainsKey(WellKnown.Labels.Stopped))
        {
            patch.Remove(Labels, WellKnown.Labels.Stopped);
        }

        return patch;
    }
}
