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

    // Room for a message with an everyday spec and names, so that it is written without renting or growing a buffer;
    // a longer one (long names, a spec near its quoted length) grows as any interpolated string does.
    private const int MessageBufferLength = 512;

    private static readonly ZonedDateTimePattern UntilPattern =
        ZonedDateTimePattern.CreateWithInvariantCulture("ddd uuuu'-'MM'-'dd HH':'mm x", DateTimeZoneProviders.Tzdb);

    // The last text Until wrote (see there); replaced whole, so a thread reads either the old entry or the new one.
    private static UntilText? s_lastUntil;

    /// <summary>The 403 message of a refused scale-up (and the base of the other messages).</summary>
    public static string Stopped(WorkloadRef workload, PolicyDecision.OffHours offHours, DateTimeZone fallbackZone) => string.Create(
        CultureInfo.InvariantCulture,
        stackalloc char[MessageBufferLength],
        $"tarnfui: {workload} is stopped for off-hours ({new ScheduleText(offHours)}) until {Until(offHours, fallbackZone)}. {new HowToRun(workload)}");

    /// <summary>The warning of a patched CREATE/UPDATE: the count requested is kept and restored later.</summary>
    public static string Held(WorkloadRef workload, PolicyDecision.OffHours offHours, int requested, DateTimeZone fallbackZone) => string.Create(
        CultureInfo.InvariantCulture,
        stackalloc char[MessageBufferLength],
        $"tarnfui: {workload} is stopped for off-hours ({new ScheduleText(offHours)}): {new ReplicaCount(offHours.DowntimeReplicas)} now, " +
        $"{new ReplicaCount(requested)} from {Until(offHours, fallbackZone)}. {new HowToRun(workload)}");

    /// <summary>The warning of <c>Webhook:Mode=warn</c>: let through, stopped at the sweeper's next pass.</summary>
    public static string Warned(WorkloadRef workload, PolicyDecision.OffHours offHours, DateTimeZone fallbackZone) => string.Create(
        CultureInfo.InvariantCulture,
        stackalloc char[MessageBufferLength],
        $"tarnfui: {workload} scales up during off-hours ({new ScheduleText(offHours)}, until {Until(offHours, fallbackZone)}); " +
        $"the sweeper stops it at its next pass. {new HowToRun(workload)}");

    /// <summary>The warning of a patched CREATE/UPDATE of a CronJob (or CREATE of a Job): stored suspended, resumed when working hours start.</summary>
    public static string Suspended(WorkloadRef workload, PolicyDecision.OffHours offHours, DateTimeZone fallbackZone) => string.Create(
        CultureInfo.InvariantCulture,
        stackalloc char[MessageBufferLength],
        $"tarnfui: {workload} is suspended for off-hours ({new ScheduleText(offHours)}): {(workload.Kind == WorkloadKind.Job ? "no pod of it" : "no Job")} starts until {Until(offHours, fallbackZone)}, " +
        $"then spec.suspend goes back to false. {new HowToRun(workload)}");

    /// <summary>The warning of <c>Webhook:Mode=warn</c> for a CronJob: let through, suspended at the sweeper's next pass.</summary>
    public static string WarnedSuspend(WorkloadRef workload, PolicyDecision.OffHours offHours, DateTimeZone fallbackZone) => string.Create(
        CultureInfo.InvariantCulture,
        stackalloc char[MessageBufferLength],
        $"tarnfui: {workload} is set to run during off-hours ({new ScheduleText(offHours)}, until {Until(offHours, fallbackZone)}); " +
        $"the sweeper suspends it at its next pass. {new HowToRun(workload)}");

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

    // A spec may be thousands of characters long; the message names it, kubectl explain shows it whole.
    private static ReadOnlySpan<char> Quoted(string spec) => spec.AsSpan(0, Math.Min(spec.Length, QuotedSpecLength));

    private static string Ellipsis(string spec) => spec.Length > QuotedSpecLength ? "…" : string.Empty;

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

    // The parts below are written into the message in place (ISpanFormattable), not built as strings of their own.

    /// <summary>The command that opts the workload out, and the annotation that does the same.</summary>
    private readonly struct HowToRun(WorkloadRef workload) : ISpanFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => string.Create(CultureInfo.InvariantCulture, $"{this}");

        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) => destination.TryWrite(
            CultureInfo.InvariantCulture,
            $"To run it now: kubectl tarnfui wake {workload.Kind.Singular}/{workload.Name} -n {workload.Namespace} --for 2h  (or annotate {WellKnown.Annotations.ExcludeUntil}=<RFC3339>)",
            out charsWritten);
    }

    /// <summary>What holds the workload: the forced sleep, or the schedule (and downtime) it is off-hours by.</summary>
    private readonly struct ScheduleText(PolicyDecision.OffHours offHours) : ISpanFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => string.Create(CultureInfo.InvariantCulture, $"{this}");

        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        {
            if (offHours.Forced is { } forced)
            {
                // A forced sleep holds it whatever the schedule says: name the annotation, not a schedule that may say run.
                return destination.TryWrite(CultureInfo.InvariantCulture, $"forced sleep: {forced.Detail}", out charsWritten);
            }

            var (uptime, downtime) = (offHours.Schedule.Uptime.Text, offHours.Schedule.Downtime.Text);
            var holiday = offHours.Holiday ? ", holiday" : string.Empty;
            return string.Equals(downtime, "never", StringComparison.OrdinalIgnoreCase)
                ? destination.TryWrite(CultureInfo.InvariantCulture, $"schedule \"{Quoted(uptime)}{Ellipsis(uptime)}\"{holiday}", out charsWritten)
                : destination.TryWrite(CultureInfo.InvariantCulture, $"schedule \"{Quoted(uptime)}{Ellipsis(uptime)}\", downtime \"{Quoted(downtime)}{Ellipsis(downtime)}\"{holiday}", out charsWritten);
        }
    }

    /// <summary><c>1 replica</c>, <c>5 replicas</c>.</summary>
    private readonly struct ReplicaCount(int replicas) : ISpanFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => string.Create(CultureInfo.InvariantCulture, $"{this}");

        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
            destination.TryWrite(CultureInfo.InvariantCulture, $"{replicas} {(replicas == 1 ? "replica" : "replicas")}", out charsWritten);
    }
}
