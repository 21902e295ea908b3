using System.Globalization;
using k8s.Models;
using Tarnfui.Core;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>
/// A workload as the API server answered: its count and what it carries of a stop record. A CronJob
/// (<paramref name="Suspends"/>) reads as the model has it: one replica while it runs, none while suspended, and its
/// <c>original-suspend</c> as the count to restore.
/// </summary>
public sealed record ObservedWorkload(int? Replicas, V1ObjectMeta Metadata, bool Suspends = false)
{
    public bool Labelled => Metadata.Labels?.TryGetValue(WellKnown.Labels.Stopped, out var value) == true && value == "true";

    public string? Original => Suspends
        ? Metadata.Annotations?.TryGetValue(WellKnown.Annotations.OriginalSuspend, out var suspend) == true ? (suspend == "true" ? "0" : suspend == "false" ? "1" : suspend) : null
        : Metadata.Annotations?.TryGetValue(WellKnown.Annotations.OriginalReplicas, out var value) == true ? value : null;

    /// <summary>A CronJob as the model counts it.</summary>
    public static ObservedWorkload Of(V1CronJob cronJob)
    {
        ArgumentNullException.ThrowIfNull(cronJob);
        return new(cronJob.Spec.Suspend == true ? 0 : 1, cronJob.Metadata, Suspends: true);
    }

    public bool HasStoppedAt => Metadata.Annotations?.ContainsKey(WellKnown.Annotations.StoppedAt) == true;

    /// <summary>How it differs from what the model says it should be now, or null when it does not.</summary>
    public string? Mismatch(ModelWorkload expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var record = expected.Record;
        var matches = Replicas == expected.Replicas
            && Labelled == record is not null
            && Original == record?.Original.ToString(CultureInfo.InvariantCulture)
            && HasStoppedAt == record is not null;
        return matches ? null : $"expected {Describe(expected.Replicas, record is not null, record?.Original.ToString(CultureInfo.InvariantCulture), record is not null)}, found {this}";
    }

    public override string ToString() => Describe(Replicas, Labelled, Original, HasStoppedAt);

    private static string Describe(int? replicas, bool labelled, string? original, bool stoppedAt) =>
        $"{replicas?.ToString(CultureInfo.InvariantCulture) ?? "no"} replicas"
        + (labelled ? $", {WellKnown.Labels.StoppedSelector}" : "")
        + (original is null ? "" : $", {WellKnown.Annotations.OriginalReplicas}={original}")
        + (stoppedAt ? $", {WellKnown.Annotations.StoppedAt}" : "")
        + (!labelled && original is null && !stoppedAt ? ", no record" : "");
}
