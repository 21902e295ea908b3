using System.Globalization;
using System.Text.Json.Nodes;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Core;
using Tarnfui.Core.Durations;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Explain;

/// <summary>Prints an <see cref="Explanation"/> like <c>kubectl describe</c> (aligned <c>Key:  value</c> lines), or as JSON/YAML.</summary>
internal static class ExplanationWriter
{
    public static void Write(Explanation e, TextWriter output, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(output);
        if (format != OutputFormat.Table)
        {
            StructuredWriter.Write(output, format, ToJson(e));
            return;
        }

        var suspends = Suspends(e);
        var lines = new List<(string Key, string Value)>
        {
            ("Name", e.Workload.Ref.Name),
            ("Namespace", e.Workload.Ref.Namespace),
            ("Kind", e.Workload.Ref.Kind.ToString()),
            suspends ? ("Suspend", SuspendText.Line(e.Workload, e.Now)) : ("Replicas", Replicas(e)),
            ("Schedule", e.Schedule is { } s ? $"{s.Describe()} ({From(s)}){(s.Forced is { } forced ? $", off-hours forced by {forced}" : string.Empty)}" : "none applies"),
        };
        if (!suspends)
        {
            // A suspended kind has no count to hold: downtime-replicas does not apply to it.
            lines.Add(("Downtime replicas", e.DowntimeReplicas.ToString(CultureInfo.InvariantCulture) + (e.DowntimeReplicasSource is { } r ? $" (from the {DecisionText.Scope(r)} annotation)" : " (default)")));
            if (e.Autoscaler is { } autoscaler)
            {
                lines.Add(("Autoscaler", autoscaler.Describe(e.DowntimeReplicas, e.Now)));
            }

            if (e.ScaledObject is { } scaledObject)
            {
                lines.Add(("ScaledObject", scaledObject.Describe(e.DowntimeReplicas, e.Now)));
            }
        }

        if (e.Holidays.Length > 0)
        {
            lines.Add(("Holidays", e.Holidays));
        }

        lines.Add(("Exclusions", e.Exclusions.Count == 0 ? "none" : string.Empty));
        foreach (var (key, value) in lines)
        {
            output.WriteLine(Line(key, value));
        }

        foreach (var note in e.Exclusions)
        {
            output.WriteLine($"  {note.Key}={note.Value} on the {DecisionText.Scope(note.Scope)}: {note.State}");
        }

        output.WriteLine(Line("Decision now", Now(e)));
        output.WriteLine(Line("Next transitions", e.Transitions.Count > 0 ? string.Empty : e.Decision switch
        {
            PolicyDecision.Exempt => "none while the exclusion stays",
            PolicyDecision.Invalid => "none of its own until the annotation is fixed",
            _ => "none within a year",
        }));
        var table = new TableWriter("at", "in", "becomes");
        foreach (var (at, decision) in e.Transitions)
        {
            table.Add(Names.Instant(at), KubeAge.Format(at - e.Now), Becomes(decision, suspends));
        }

        if (e.Transitions.Count > 0)
        {
            using var indented = new StringWriter(CultureInfo.InvariantCulture);
            table.WriteTo(indented);
            foreach (var line in indented.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                output.WriteLine("  " + line);
            }
        }

        output.WriteLine(Line("Configuration", e.Configuration));
    }

    public static JsonObject ToJson(Explanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var stopped = e.Workload.Stopped;
        var json = new JsonObject
        {
            ["kind"] = e.Workload.Ref.Kind.ToString(),
            ["namespace"] = e.Workload.Ref.Namespace,
            ["name"] = e.Workload.Ref.Name,
            ["replicas"] = e.Workload.Replicas,
            ["stopped"] = stopped is null ? null : new JsonObject
            {
                ["originalReplicas"] = stopped.OriginalReplicas,
                ["stoppedAt"] = stopped.StoppedAt is { } at ? Names.Instant(at) : null,
            },
            ["schedule"] = e.Schedule is { } s ? new JsonObject
            {
                ["uptime"] = s.Uptime.Text,
                ["downtime"] = s.Downtime.Text,
                ["source"] = DecisionText.Scope(s.Source),
                ["readFrom"] = s.ReadFrom,
                ["forcedBy"] = s.Forced,
            }
            : null,
            ["downtimeReplicas"] = e.DowntimeReplicas,
            ["downtimeReplicasSource"] = e.DowntimeReplicasSource is { } r ? DecisionText.Scope(r) : "default",
            ["autoscaler"] = e.Autoscaler?.ToJson(e.DowntimeReplicas, e.Now),
            ["scaledObject"] = e.ScaledObject?.ToJson(e.DowntimeReplicas, e.Now),
            ["holidays"] = e.Holidays.Length > 0 ? e.Holidays : null,
            ["exclusions"] = new JsonArray([.. e.Exclusions.Select(n => (JsonNode)new JsonObject
            {
                ["key"] = n.Key,
                ["value"] = n.Value,
                ["source"] = DecisionText.Scope(n.Scope),
                ["state"] = n.State,
            })]),
            ["decision"] = new JsonObject
            {
                ["state"] = DecisionText.State(e.Decision),
                ["detail"] = Now(e),
                ["until"] = DecisionText.Until(e.Decision) is { } until ? Names.Instant(until) : null,
            },
            ["transitions"] = new JsonArray([.. e.Transitions.Select(t => (JsonNode)new JsonObject
            {
                ["at"] = Names.Instant(t.At),
                ["becomes"] = Becomes(t.Decision, Suspends(e)),
            })]),
            ["configuration"] = e.Configuration,
            ["now"] = Names.Instant(e.Now),
        };
        if (Suspends(e))
        {
            SuspendText.AddTo(json, e.Workload);
        }

        return json;
    }

    private static bool Suspends(Explanation e) => e.Workload.Ref.Kind.Stop == StopMethod.Suspend;

    // kubectl describe aligns values after the longest key ("Downtime replicas:").
    private static string Line(string key, string value) => $"{key + ":",-20}{value}".TrimEnd();

    private static string Replicas(Explanation e)
    {
        var replicas = e.Workload.Replicas?.ToString(CultureInfo.InvariantCulture) ?? "?";
        if (e.Workload.Stopped is { } stopped)
        {
            var since = stopped.StoppedAt is { } at ? $" since {Names.When(at, e.Now)}" : string.Empty;
            return $"{replicas} (held down by Tarnfui{since}; original {stopped.OriginalReplicas.ToString(CultureInfo.InvariantCulture)})";
        }

        return e.Workload.HasState ? $"{replicas} (Tarnfui's record on it is incomplete or unreadable)" : replicas;
    }

    // restore: manual: whatever the policy says now, a stopped workload comes back only when a person restores it.
    private static string Now(Explanation e) => e.Decision is { ManualRestore: { } manual } and not PolicyDecision.Invalid
        ? $"{PolicyNow(e).Replace("; restored at the next sweep", string.Empty, StringComparison.Ordinal)}; {WellKnown.Annotations.Restore}={WellKnown.Annotations.ManualRestoreValue} on the {DecisionText.Scope(manual)}: "
            + (e.Workload.IsStopped ? "stopped until someone runs kubectl tarnfui restore" : "once stopped, it stays stopped until someone runs kubectl tarnfui restore")
        : PolicyNow(e);

    private static string PolicyNow(Explanation e) => e.Decision switch
    {
        PolicyDecision.OffHours { Forced: { } f } o => $"forced sleep: {f.Detail}: held {(Suspends(e) ? "suspended" : $"at {o.DowntimeReplicas.ToString(CultureInfo.InvariantCulture)} replicas")}, "
            + $"sleeps until {Names.When(f.Until, e.Now)}" + (o.NextWorkingHours is { } back && back != f.Until ? $", then off-hours until {Names.When(back, e.Now)}" : string.Empty),
        PolicyDecision.Exempt x => $"excluded: {x.Detail}" + (x.Until is { } until ? $", until {Names.When(until, e.Now)}" : string.Empty)
            + (e.Workload.IsStopped ? "; restored at the next sweep" : "; never stopped"),
        PolicyDecision.WorkingHours w when Suspends(e) => "working hours: runs on its own schedule" + (w.NextOffHours is { } next ? $" until {Names.When(next, e.Now)}" : string.Empty),
        PolicyDecision.OffHours o when Suspends(e) => $"{(o.Holiday ? "holiday" : "off-hours")}: held suspended"
            + (o.NextWorkingHours is { } next ? $" until {Names.When(next, e.Now)}" : " (no working hours within a year)"),
        PolicyDecision.WorkingHours w => "working hours: runs at its own replica count" + (w.NextOffHours is { } next ? $" until {Names.When(next, e.Now)}" : string.Empty),
        PolicyDecision.OffHours o => $"{(o.Holiday ? "holiday" : "off-hours")}: held at {o.DowntimeReplicas.ToString(CultureInfo.InvariantCulture)} replicas"
            + (o.NextWorkingHours is { } next ? $" until {Names.When(next, e.Now)}" : " (no working hours within a year)"),
        PolicyDecision.Invalid i => $"invalid: {i.Message}; never stopped on it"
            + (e.Workload.IsStopped ? "; stopped by Tarnfui, it is restored when the global schedule's working hours start" : string.Empty),
        _ => DecisionText.State(e.Decision),
    };

    private static string Becomes(PolicyDecision decision, bool suspends) => decision switch
    {
        PolicyDecision.OffHours o when suspends => $"{(o.Holiday ? "holiday" : "off-hours")} (suspended)",
        PolicyDecision.OffHours o => $"{(o.Holiday ? "holiday" : "off-hours")} ({o.DowntimeReplicas.ToString(CultureInfo.InvariantCulture)} replicas)",
        PolicyDecision.Exempt x => $"excluded ({DecisionText.Reason(x.Reason)})",
        _ => DecisionText.State(decision),
    };

    // The key is named when it is not Tarnfui's own: "from downscaler/uptime on the namespace".
    private static string From(EffectiveSchedule schedule) =>
        schedule.ReadFrom is { } keys ? $"from {keys} on the {DecisionText.Scope(schedule.Source)}" : $"from the {Source(schedule.Source)}";

    private static string Source(PolicyScope scope) => scope switch
    {
        PolicyScope.Workload => "workload's annotations",
        PolicyScope.Namespace => "namespace's annotations",
        _ => "global configuration",
    };
}
