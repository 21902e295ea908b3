using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Cli.Cluster.Workloads;

/// <summary>What the commands need of one Deployment or StatefulSet, read from the API server.</summary>
/// <param name="Ref">Kind, namespace and name.</param>
/// <param name="Labels">Its labels (empty when none).</param>
/// <param name="Annotations">Its annotations (empty when none).</param>
/// <param name="Replicas">spec.replicas; null when only metadata was listed.</param>
/// <param name="ResourceVersion">The version a patch's precondition tests.</param>
/// <param name="OperatorOwned">Whether its own ownerReferences name a controller.</param>
internal sealed record Workload(
    WorkloadRef Ref,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    int? Replicas,
    string ResourceVersion,
    bool OperatorOwned)
{
    /// <summary>Carries the stopped label (the restore pass finds workloads by it).</summary>
    public bool HasStoppedLabel => Labels.TryGetValue(WellKnown.Labels.Stopped, out var value) && string.Equals(value, "true", StringComparison.Ordinal);

    /// <summary>Whether any of Tarnfui's state keys is present, even partly.</summary>
    public bool HasState =>
        HasStoppedLabel
        || Labels.ContainsKey(WellKnown.Labels.Stopped)
        || Annotations.ContainsKey(WellKnown.Annotations.OriginalReplicas)
        || Annotations.ContainsKey(WellKnown.Annotations.StoppedAt);

    /// <summary>The record of the stop, or null when there is none or it cannot be read.</summary>
    public StoppedState? Stopped
    {
        get
        {
            if (!Annotations.TryGetValue(WellKnown.Annotations.OriginalReplicas, out var originalText)
                || !AnnotationValues.ParseReplicas(WellKnown.Annotations.OriginalReplicas, originalText).TryGetValue(out var original))
            {
                return null;
            }

            Instant? stoppedAt = Annotations.TryGetValue(WellKnown.Annotations.StoppedAt, out var atText)
                && AnnotationValues.ParseInstantOrDate(WellKnown.Annotations.StoppedAt, atText, DateTimeZone.Utc).TryGetValue(out var at)
                    ? at
                    : null;
            return new StoppedState(original, stoppedAt);
        }
    }
}
