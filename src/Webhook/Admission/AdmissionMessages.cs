using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The sentences people read in kubectl's output: what happened, until when, and the command that opts out.
/// Warnings stay on one line and short, because the API server may truncate long ones.
/// </summary>
internal static class AdmissionMessages
{
    // Long enough for any everyday spec ("Mon-Fri 07:30-20:30 Europe/Berlin, Sat 09:00-12:00 Europe/Berlin").
    private const int QuotedSpecLength = 120;

    private static readonly ZonedDateTimePattern UntilPattern =
        ZonedDateTimePattern.CreateWithInvariantCulture("ddd uuuu'-'MM'-'dd HH':'mm x", DateTimeZoneProviders.Tzdb);

    // The last text Until wrote (see there); replaced whole, so a thread reads either the old entry or the new one.
    private static UntilText? s_lastUntil;

    /// <summary>The 403 message of a refused scale-up (and the base of the other messages).</summary>
    public static string Stopped(WorkloadRef workload, PolicyDecision.OffHours offHours, DateTimeZone fallbackZone) =>
        $"tarnfui: {workload} is stopped for off-hours ({Schedule(offHours)}) until {Until(offHours, fallbackZone)}. {HowToRun(workload)}";

    /// <summary>The warning of a patched CREATE/UPDATE: the count requested is kept and restored later.</summary>
    public static string Held(WorkloadRef workload, PolicyDecision.OffHours offHours, int requested, DateTimeZone fallbackZone) =>
        $"tarnfui: {workload} is stopped for off-hours ({Schedule(offHours)}): {Plural(offHours.DowntimeReplicas)} now, " +
        $"{Plural(requested)} from {Until(offHours, fallbackZone)}. {HowToRun(workload)}";

    /// <summary>The warning of <c>Webhook:Mode=warn</c>: let through, stopped at the sweeper's next pass.</summary>
    public static string Warned(WorkloadRef workload, PolicyDecision.OffHours offHours, DateTimeZone fallbackZone) =>
        $"tarnfui: {workload} scales up during off-hours ({Schedule(offHours)}, until {Until(offHours, fallbackZone)}); " +
        $"the sweeper stops it at its next pass. {HowToRun(workload)}";

    /// <summary>The warning of a patched CREATE/UPDATE of a CronJob (or CREATE of a Job): stored suspended, resumed when working hours start.</summary>
    public static string Suspended(WorkloadRef workload, PolicyDecision.OffHours offHours, DateTimeZone fallbackZone) =>
        $"tarnfui: {workload} is suspended for off-hours ({Schedule(offHours)}): {(workload.Kind == WorkloadKind.Job ? "no pod of it" : "no Job")} starts until {Until(offHours, fallbackZone)}, " +
        $"then spec.suspend goes back to false. {HowToRun(workload)}";

    /// <summary>The warning of <c>Webhook:Mode=warn</c> for a CronJob: let through, suspended at the sweeper's next pass.</summary>
    public static string WarnedSuspend(WorkloadRef workload, PolicyDecision.OffHours offHours, DateTimeZone fallbackZone) =>
        $"tarnfui: {workload} is set to run during off-hours ({Schedule(offHours)}, until {Until(offHours, fallbackZone)}); " +
        $"the sweeper suspends it at its next pass. {HowToRun(workload)}";

    /// <summary>
    /// The warning of an annotation that cannot be read: Tarnfui never stops the workload on it, and one it stopped
    /// already comes back when the global schedule's working hours start.
    /// </summary>
    public static string Invalid(WorkloadRef workload, PolicyDecision.Invalid invalid, bool stopped) => stopped
        ? $"tarnfui: {workload} is stopped by tarnfui and its own schedule cannot be read, so the global schedule restores it: {invalid.Message}"
        : $"tarnfui: leaving {workload} alone: {invalid.Message}";

    /// <summary>The warning of an update that dropped the stop record, which the webhook put back.</summary>
    public static string KeptState(WorkloadRef workload, int originalReplicas) =>
        $"tarnfui: {workload} is stopped by tarnfui; kept {WellKnown.Annotations.OriginalReplicas}={originalReplicas.ToString(CultureInfo.InvariantCulture)} " +
        $"and the {WellKnown.Labels.Stopped} label so that it is restored when working hours start";

    private static string HowToRun(WorkloadRef workload) =>
        $"To run it now: kubectl tarnfui wake {workload.Kind.Singular}/{workload.Name} -n {workload.Namespace} --for 2h  " +
        $"(or annotate {WellKnown.Annotations.ExcludeUntil}=<RFC3339>)";

    private static string Schedule(PolicyDecision.OffHours offHours)
    {
        if (offHours.Forced is { } forced)
        {
            // A forced sleep holds it whatever the schedule says: name the annotation, not a schedule that may say run.
            return $"forced sleep: {forced.Detail}";
        }

        var schedule = offHours.Schedule;
        var text = string.Equals(schedule.Downtime.Text, "never", StringComparison.OrdinalIgnoreCase)
            ? $"schedule \"{Quoted(schedule.Uptime.Text)}\""
            : $"schedule \"{Quoted(schedule.Uptime.Text)}\", downtime \"{Quoted(schedule.Downtime.Text)}\"";
        return offHours.Holiday ? text + ", holiday" : text;
    }

    // A spec may be thousands of characters long; the message names it, kubectl explain shows it whole.
    private static string Quoted(string spec) => spec.Length <= QuotedSpecLength ? spec : string.Concat(spec.AsSpan(0, QuotedSpecLength), "…");

    private static string Until(PolicyDecision.OffHours offHours, DateTimeZone fallbackZone)
    {
        if (offHours.NextWorkingHours is not { } next)
        {
            return "further notice (no working hours within a year)";
        }

        // Admissions held in one off-hours spell mostly name the same start in the same zone: the last text is
        // kept (one entry, so annotations cannot grow it) and the zone lookup and formatting done once per change.
        var spec = offHours.Schedule.Uptime.Text;
        if (s_lastUntil is { } last && last.Next == next && last.FallbackZone == fallbackZone && string.Equals(last.Spec, spec, StringComparison.Ordinal))
        {
            return last.Text;
        }

        var text = UntilPattern.Format(next.InZone(ZoneOf(spec) ?? fallbackZone));
        s_lastUntil = new UntilText(next, spec, fallbackZone, text);
        return text;
    }

    private sealed record UntilText(Instant Next, string Spec, DateTimeZone FallbackZone, string Text);

    // People read the time in the zone their schedule names ("… Europe/Paris" → CET), not in UTC. The spec
    // type does not expose its zones, so read the zone id a recurring part ends with; otherwise the default.
    private static DateTimeZone? ZoneOf(string spec)
    {
        var firstPart = spec.AsSpan();
        var comma = firstPart.IndexOf(',');
        firstPart = (comma < 0 ? firstPart : firstPart[..comma]).Trim();
        var lastSpace = firstPart.LastIndexOf(' ');
        return lastSpace < 0 ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(firstPart[(lastSpace + 1)..].ToString());
    }

    private static string Plural(int replicas) =>
        replicas == 1 ? "1 replica" : $"{replicas.ToString(CultureInfo.InvariantCulture)} replicas";
}
