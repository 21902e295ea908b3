using System.Text;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// Every combination of operation × resource × hours × exclusion × mode × caller × replicas against DESIGN.md's
/// table, spelled here as data: which exclusions exempt, which replica changes raise, what each mode answers.
/// </summary>
public class AdmissionDeciderMatrixTests
{
    public enum Outcome
    {
        Allow,
        Warn,
        Patch,
        Deny,
    }

    /// <summary>How the workload (or, for /scale, its parent) and its namespace are annotated.</summary>
    public sealed record Exclusion(string Name, Dictionary<string, string>? Workload, Dictionary<string, string>? Namespace, string TargetNamespace, bool OperatorOwned, bool Exempt, bool Invalid)
    {
        /// <summary>A forced sleep (<c>sleep-until</c>) holds it as off-hours do, in working hours too.</summary>
        public bool Sleeps { get; init; }
    }

    /// <summary>Replica counts of the request and whether each kind of request raises them (DESIGN.md: absent means 1).</summary>
    public sealed record Replicas(string Name, int? Old, int? New, bool RaisesOnCreate, bool RaisesOnUpdate, bool RaisesOnScale);

    private static readonly Exclusion[] Exclusions =
    [
        new("not excluded", null, null, Requests.Namespace, false, Exempt: false, Invalid: false),
        new("workload exclude=true", new() { [WellKnown.Annotations.Exclude] = "true" }, null, Requests.Namespace, false, Exempt: true, Invalid: false),
        new("namespace exclude=true", null, new() { [WellKnown.Annotations.Exclude] = "true" }, Requests.Namespace, false, Exempt: true, Invalid: false),
        new("workload exclude-until in the future", new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-23T20:00:00Z" }, null, Requests.Namespace, false, Exempt: true, Invalid: false),
        new("namespace exclude-until in the future", null, new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-24" }, Requests.Namespace, false, Exempt: true, Invalid: false),
        new("workload exclude-until expired", new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-20T20:00:00Z" }, null, Requests.Namespace, false, Exempt: false, Invalid: false),
        new("namespace exclude-until expired", null, new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-01" }, Requests.Namespace, false, Exempt: false, Invalid: false),
        new("workload exclude=false under an excluded namespace", new() { [WellKnown.Annotations.Exclude] = "false" }, new() { [WellKnown.Annotations.Exclude] = "true" }, Requests.Namespace, false, Exempt: false, Invalid: false),
        new("never-touched namespace", null, null, "kube-system", false, Exempt: true, Invalid: false),
        new("operator-owned workload", null, null, Requests.Namespace, true, Exempt: true, Invalid: false),
        new("invalid uptime annotation", new() { [WellKnown.Annotations.Uptime] = "Mon-Fri 25:00-19:00" }, null, Requests.Namespace, false, Exempt: false, Invalid: true),

        // Policy:KubeDownscalerAnnotations is on in this table: kube-downscaler's keys read as Tarnfui's.
        new("workload downscaler/exclude", new() { [WellKnown.KubeDownscaler.Exclude] = "yes" }, null, Requests.Namespace, false, Exempt: true, Invalid: false),
        new("namespace downscaler/exclude-until in the future", null, new() { [WellKnown.KubeDownscaler.ExcludeUntil] = "2026-11-24 12:00" }, Requests.Namespace, false, Exempt: true, Invalid: false),
        new("Tarnfui's exclude=false beats downscaler/exclude", new() { [WellKnown.Annotations.Exclude] = "false", [WellKnown.KubeDownscaler.Exclude] = "true" }, null, Requests.Namespace, false, Exempt: false, Invalid: false),
        new("downscaler/downtime-replicas as a percentage", new() { [WellKnown.KubeDownscaler.DowntimeReplicas] = "50%" }, null, Requests.Namespace, false, Exempt: false, Invalid: true),
        new("workload sleep-until in the future", new() { [WellKnown.Annotations.SleepUntil] = "2026-11-25T00:00:00Z" }, null, Requests.Namespace, false, Exempt: false, Invalid: false) { Sleeps = true },
        new("namespace sleep-until in the future", null, new() { [WellKnown.Annotations.SleepUntil] = "2026-11-25" }, Requests.Namespace, false, Exempt: false, Invalid: false) { Sleeps = true },
        new("workload sleep-until expired", new() { [WellKnown.Annotations.SleepUntil] = "2026-11-20T20:00:00Z" }, null, Requests.Namespace, false, Exempt: false, Invalid: false),
        new("namespace sleep-until expired", null, new() { [WellKnown.Annotations.SleepUntil] = "2026-11-01" }, Requests.Namespace, false, Exempt: false, Invalid: false),
        new("invalid sleep-until", new() { [WellKnown.Annotations.SleepUntil] = "after the holidays" }, null, Requests.Namespace, false, Exempt: false, Invalid: true),
        new("workload sleep-until beats namespace exclude-until", new() { [WellKnown.Annotations.SleepUntil] = "2026-11-25" }, new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-26" }, Requests.Namespace, false, Exempt: false, Invalid: false) { Sleeps = true },
        new("workload exclude-until beats namespace sleep-until", new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-25" }, new() { [WellKnown.Annotations.SleepUntil] = "2026-11-26" }, Requests.Namespace, false, Exempt: true, Invalid: false),
        new("both on the workload: exclude-until wins", new() { [WellKnown.Annotations.SleepUntil] = "2026-11-26", [WellKnown.Annotations.ExcludeUntil] = "2026-11-25" }, null, Requests.Namespace, false, Exempt: true, Invalid: false),
        new("restore: manual (working hours are a person's to decide)", new() { [WellKnown.Annotations.Restore] = WellKnown.Annotations.ManualRestoreValue }, null, Requests.Namespace, false, Exempt: false, Invalid: false),
        new("namespace restore: manual", null, new() { [WellKnown.Annotations.Restore] = WellKnown.Annotations.ManualRestoreValue }, Requests.Namespace, false, Exempt: false, Invalid: false),
        new("invalid restore", new() { [WellKnown.Annotations.Restore] = "never" }, null, Requests.Namespace, false, Exempt: false, Invalid: true),
    ];

    private static readonly Replicas[] ReplicaCases =
    [
        new("up", Old: 2, New: 5, RaisesOnCreate: true, RaisesOnUpdate: true, RaisesOnScale: true),
        new("up from stopped", Old: 0, New: 3, RaisesOnCreate: true, RaisesOnUpdate: true, RaisesOnScale: true),
        new("down", Old: 5, New: 2, RaisesOnCreate: true, RaisesOnUpdate: false, RaisesOnScale: false),
        new("to zero", Old: 5, New: 0, RaisesOnCreate: false, RaisesOnUpdate: false, RaisesOnScale: false),
        new("unchanged", Old: 3, New: 3, RaisesOnCreate: true, RaisesOnUpdate: false, RaisesOnScale: false),
        new("unchanged at zero", Old: 0, New: 0, RaisesOnCreate: false, RaisesOnUpdate: false, RaisesOnScale: false),
        new("absent on a stopped workload", Old: 0, New: null, RaisesOnCreate: true, RaisesOnUpdate: true, RaisesOnScale: false),
    ];

    private static readonly Dictionary<WebhookMode, AdmissionSettings> SettingsByMode =
        Enum.GetValues<WebhookMode>().ToDictionary(m => m, m => Policies.Settings(m, kubeDownscaler: true));

    private static readonly string[] Operations = ["CREATE", "UPDATE", "DELETE", "CONNECT"];
    private static readonly string[] Resources = ["deployments", "statefulsets", Requests.Rollouts];

    [Fact]
    public void Every_combination_follows_the_design_table()
    {
        var combinations =
            from operation in Operations
            from resource in Resources
            from scale in new[] { false, true }
            from hours in new[] { ("off-hours", Policies.OffHours), ("working hours", Policies.WorkingHours) }
            from exclusion in Exclusions
            from mode in Enum.GetValues<WebhookMode>()
            from user in new[] { Requests.Person, Requests.Sweeper }
            from replicas in ReplicaCases
            select (operation, resource, scale, hours, exclusion, mode, user, replicas);

        var failures = new StringBuilder();
        var count = 0;
        foreach (var (operation, resource, scale, (hours, now), exclusion, mode, user, replicas) in combinations)
        {
            count++;
            var expected = Expected(operation, scale, hours == "off-hours", exclusion, mode, user == Requests.Sweeper, replicas);
            var actual = Decide(operation, resource, scale, now, exclusion, mode, user, replicas);
            if (actual != expected)
            {
                failures.AppendLine($"{operation} {resource}{(scale ? "/scale" : "")}, {hours}, {exclusion.Name}, mode {mode}, {(user == Requests.Sweeper ? "sweeper" : "person")}, replicas {replicas.Name}: expected {expected}, got {actual}");
            }
        }

        count.ShouldBe(4 * Resources.Length * 2 * 2 * Exclusions.Length * 3 * 2 * ReplicaCases.Length);
        failures.ToString().ShouldBeEmpty();
    }

    // DESIGN.md "Webhook", as data.
    private static Outcome Expected(string operation, bool scale, bool offHours, Exclusion exclusion, WebhookMode mode, bool sweeper, Replicas replicas)
    {
        var handled = scale ? operation == "UPDATE" : operation is "CREATE" or "UPDATE";
        if (sweeper || !handled || exclusion.Exempt)
        {
            return Outcome.Allow;
        }

        if (exclusion.Invalid)
        {
            // A Scale without replicas has nothing to decide, so its parent is not even read.
            return scale && replicas.New is null ? Outcome.Allow : Outcome.Warn;
        }

        var raises = scale ? replicas.RaisesOnScale : operation == "CREATE" ? replicas.RaisesOnCreate : replicas.RaisesOnUpdate;
        if (!(offHours || exclusion.Sleeps) || !raises)
        {
            return Outcome.Allow;
        }

        return mode switch
        {
            WebhookMode.Warn => Outcome.Warn,
            WebhookMode.Deny => Outcome.Deny,
            _ => scale ? Outcome.Deny : Outcome.Patch,
        };
    }

    private static Outcome Decide(string operation, string resource, bool scale, Instant now, Exclusion exclusion, WebhookMode mode, string user, Replicas replicas)
    {
        var request = scale
            ? Requests.Scale(replicas.New, replicas.Old, user, resource, exclusion.TargetNamespace, operation)
            : Requests.Workload(operation, replicas.New, replicas.Old, exclusion.Workload, user: user, resource: resource, @namespace: exclusion.TargetNamespace, operatorOwned: exclusion.OperatorOwned);
        var parent = scale ? new ParentWorkload(exclusion.Workload, exclusion.OperatorOwned, replicas.Old) : null;
        var decision = AdmissionDecider.Decide(request, SettingsByMode[mode], exclusion.Namespace, parent, now);
        return decision switch
        {
            AdmissionDecision.Patched => Outcome.Patch,
            AdmissionDecision.Denied => Outcome.Deny,
            AdmissionDecision.Allowed { Warnings.Count: > 0 } => Outcome.Warn,
            _ => Outcome.Allow,
        };
    }
}
