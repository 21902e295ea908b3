using System.Globalization;
using Tarnfui.Core;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>A ScaledObject as the API server answered: its <c>paused-replicas</c> and what it carries of Tarnfui's pause record.</summary>
public sealed record ObservedScaledObject(IReadOnlyDictionary<string, string> Annotations, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>How it differs from the model now, or null when it does not.</summary>
    public string? Mismatch(ModelScaledObject expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var wanted = Describe(expected);
        var found = ToString();
        return wanted == found ? null : $"ScaledObject expected {wanted}, found {found}";
    }

    public override string ToString()
    {
        var record = WellKnown.Annotations.ScaledObjectState.Where(Annotations.ContainsKey)
            .Select(key => key == WellKnown.Annotations.StoppedAt ? key : $"{key}={Annotations[key]}");
        var labelled = Labels.TryGetValue(WellKnown.Labels.Stopped, out var stopped) ? [$"{WellKnown.Labels.Stopped}={stopped}"] : Array.Empty<string>();
        return Text(Annotations.GetValueOrDefault(WellKnown.Keda.PausedReplicas), [.. record, .. labelled]);
    }

    private static string Describe(ModelScaledObject model)
    {
        if (model.Record is not { } record)
        {
            return Text(model.Paused, []);
        }

        // In the order WellKnown.Annotations.ScaledObjectState lists the record's keys, then the label.
        return Text(model.Paused,
        [
            $"{WellKnown.Annotations.OriginalReplicas}={Count(record.Original)}",
            $"{WellKnown.Annotations.HeldReplicas}={Count(record.Held)}",
            $"{WellKnown.Annotations.OriginalPausedReplicas}={record.Person ?? WellKnown.Annotations.UnsetValue}",
            WellKnown.Annotations.StoppedAt,
            $"{WellKnown.Labels.Stopped}={WellKnown.Labels.StoppedValue}",
        ]);
    }

    private static string Text(string? paused, IReadOnlyList<string> record) =>
        $"{WellKnown.Keda.PausedReplicas}={paused ?? "(none)"}" + (record.Count == 0 ? ", no record" : ", " + string.Join(", ", record));

    private static string Count(int replicas) => replicas.ToString(CultureInfo.InvariantCulture);
}
