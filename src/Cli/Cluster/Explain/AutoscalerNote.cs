using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Core;
using Tarnfui.Core.Autoscaling;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Explain;

/// <summary>The HorizontalPodAutoscaler that scales the explained workload, and what the night does to it.</summary>
/// <param name="Name">The HPA's name.</param>
/// <param name="Bounds">Its bounds now.</param>
/// <param name="Record">Tarnfui's bound record on it, as read.</param>
internal sealed record AutoscalerNote(string Name, AutoscalerBounds Bounds, ParseResult<AutoscalerRecord?> Record)
{
    /// <summary>The HPA whose <c>scaleTargetRef</c> names <paramref name="workload"/> (the first by name), or null.</summary>
    public static AutoscalerNote? Find(IEnumerable<V2HorizontalPodAutoscaler> autoscalers, WorkloadRef workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var hpa = autoscalers
            .Where(a => a.Spec?.ScaleTargetRef is { } target && target.Name == workload.Name
                        && WorkloadKind.FindByOwner(target.ApiVersion, target.Kind) == workload.Kind)
            .OrderBy(a => a.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return hpa is null ? null : new AutoscalerNote(
            hpa.Metadata.Name,
            new AutoscalerBounds(hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas),
            AutoscalerRecord.Read(hpa.Metadata.Annotations is { } map ? new Dictionary<string, string>(map, StringComparer.Ordinal) : null));
    }

    /// <summary>One line: the HPA, its bounds, and what off-hours do to it at <paramref name="downtimeReplicas"/>.</summary>
    public string Describe(int downtimeReplicas, NodaTime.Instant now)
    {
        var head = $"hpa/{Name} (min..max {Bounds})";
        if (!Record.IsValid)
        {
            return $"{head}: Tarnfui's record on it is unreadable ({Record.Error}); left alone";
        }

        if (Record.Value is { } bounded)
        {
            var since = bounded.BoundedAt is { } at ? $" since {Names.When(at, now)}" : string.Empty;
            return !Bounds.HoldsAt(bounded.Held)
                ? $"{head}: bounded by Tarnfui{since}, changed since; the morning keeps these bounds and removes the record"
                : $"{head}: bounded to {bounded.Held.ToString(CultureInfo.InvariantCulture)} by Tarnfui{since}; {bounded.Original} restored with the workload";
        }

        return downtimeReplicas == 0
            ? $"{head}: untouched off-hours (Kubernetes does not autoscale a workload at 0 replicas)"
            : $"{head}: off-hours both bounds are set to {downtimeReplicas.ToString(CultureInfo.InvariantCulture)}, and restored with the workload";
    }

    /// <summary>The note as explain's JSON and YAML output carry it.</summary>
    public JsonObject ToJson(int downtimeReplicas, NodaTime.Instant now) => new()
    {
        ["name"] = Name,
        ["minReplicas"] = Bounds.MinReplicas,
        ["maxReplicas"] = Bounds.MaxReplicas,
        ["boundedByTarnfui"] = Record is { IsValid: true, Value: not null },
        ["offHours"] = Describe(downtimeReplicas, now),
    };
}
