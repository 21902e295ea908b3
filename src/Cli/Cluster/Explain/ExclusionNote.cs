using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Explain;

/// <summary>One exclusion annotation found on the workload or its namespace, and whether it applies now.</summary>
internal sealed record ExclusionNote(string Key, string Value, PolicyScope Scope, string State)
{
    public static IReadOnlyList<ExclusionNote> Collect(
        IReadOnlyDictionary<string, string> workload,
        IReadOnlyDictionary<string, string>? @namespace,
        DateTimeZone zone,
        Instant now)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var notes = new List<ExclusionNote>();
        foreach (var (scope, map) in new[] { (PolicyScope.Workload, workload), (PolicyScope.Namespace, @namespace) })
        {
            if (map is null)
            {
                continue;
            }

            if (map.TryGetValue(WellKnown.Annotations.Exclude, out var exclude))
            {
                var parsed = AnnotationValues.ParseBoolean(WellKnown.Annotations.Exclude, exclude);
                notes.Add(new ExclusionNote(WellKnown.Annotations.Exclude, exclude, scope, !parsed.IsValid ? $"invalid: {parsed.Error}" : parsed.Value ? "active" : "off"));
            }

            if (map.TryGetValue(WellKnown.Annotations.ExcludeUntil, out var until))
            {
                var parsed = AnnotationValues.ParseInstantOrDate(WellKnown.Annotations.ExcludeUntil, until, zone);
                var state = !parsed.IsValid ? $"invalid: {parsed.Error}"
                    : parsed.Value > now ? $"active until {Output.Names.When(parsed.Value, now)}"
                    : $"expired {Output.Names.When(parsed.Value, now)}";
                notes.Add(new ExclusionNote(WellKnown.Annotations.ExcludeUntil, until, scope, state));
            }
        }

        return notes;
    }
}
