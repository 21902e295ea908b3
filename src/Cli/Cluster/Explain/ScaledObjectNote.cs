using System.Globalization;
using System.Text.Json.Nodes;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Keda;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Explain;

/// <summary>
/// The KEDA ScaledObject that scales the explained workload, and what the night does: Tarnfui pauses the ScaledObject
/// rather than stopping the workload, so this is what explain says instead of a count held down.
/// </summary>
/// <param name="ScaledObject">The ScaledObject as read.</param>
internal sealed record ScaledObjectNote(ScaledObject ScaledObject)
{
    /// <summary>The ScaledObject whose <c>scaleTargetRef</c> names <paramref name="workload"/> (the first by name), or null.</summary>
    public static ScaledObjectNote? Find(IEnumerable<ScaledObject> scaledObjects, WorkloadRef workload) =>
        scaledObjects
            .Where(s => s.Target == workload)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new ScaledObjectNote(s))
            .FirstOrDefault();

    /// <summary>One line: the ScaledObject and what off-hours do to it at <paramref name="downtimeReplicas"/>.</summary>
    public string Describe(int downtimeReplicas, NodaTime.Instant now)
    {
        var head = $"scaledobject/{ScaledObject.Name}";
        var record = ScaledObject.Record;
        if (!record.IsValid)
        {
            return $"{head}: Tarnfui's record on it is unreadable ({record.Error}); left alone";
        }

        if (record.Value is { } paused)
        {
            var since = paused.PausedAt is { } at ? $" since {Names.When(at, now)}" : string.Empty;
            var person = paused.PersonPaused is { } value ? $", and {WellKnown.Keda.PausedReplicas}={value} as a person had set it" : string.Empty;
            return ScaledObject.PausedNow == ScaledObjectRules.Format(paused.Paused)
                ? $"{head}: paused at {Count(paused.Paused)} by Tarnfui{since}; target put back at {Count(paused.TargetReplicas)} in the morning{person}"
                : $"{head}: paused by Tarnfui{since}, its {WellKnown.Keda.PausedReplicas} changed since; the morning keeps it and removes the record";
        }

        var own = ScaledObject.PausedNow is { } set ? $" (a person's {WellKnown.Keda.PausedReplicas}={set} is recorded and put back)" : string.Empty;
        return $"{head}: paused at {Count(downtimeReplicas)} by KEDA's paused-replicas off-hours{own}; target put back at its count in the morning";
    }

    /// <summary>The note as explain's JSON and YAML output carry it.</summary>
    public JsonObject ToJson(int downtimeReplicas, NodaTime.Instant now) => new()
    {
        ["name"] = ScaledObject.Name,
        ["pausedReplicas"] = ScaledObject.PausedNow,
        ["pausedByTarnfui"] = ScaledObject.Record is { IsValid: true, Value: not null },
        ["offHours"] = Describe(downtimeReplicas, now),
    };

    private static string Count(int replicas) => replicas.ToString(CultureInfo.InvariantCulture);
}
