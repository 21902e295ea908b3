using NodaTime;
using Tarnfui.Core.Schedule;
using Tarnfui.Core.Scope;

namespace Tarnfui.Core.Policy;

/// <summary>
/// Decides, purely, what applies to one workload at one instant: exempt, working hours, off-hours or invalid.
/// Shared by the webhook, the sweeper and the CLI so that all three always agree.
/// </summary>
/// <remarks>
/// Order of rules: never-touched namespaces, then the scope (<see cref="ScopeRules.Exemption"/>: outside
/// <c>Scope:Namespaces</c>, an excluded namespace by name or glob, <c>Policy:ExcludeSelector</c>,
/// <c>Policy:IncludeSelector</c>), operator ownership, then the
/// annotations (<c>restore</c> and <c>exclude</c> from the most specific scope that sets them, <c>exclude-until</c> and
/// <c>sleep-until</c> from either scope (<see cref="TimedOverride"/>), the schedule pair and <c>downtime-replicas</c> from the most specific scope). An annotation that
/// cannot be read makes the whole decision <see cref="PolicyDecision.Invalid"/>: nothing is stopped on a guess.
/// </remarks>
public sealed class PolicyResolver(GlobalPolicy global)
{
    /// <summary>How far ahead next transitions are searched.</summary>
    public static readonly Duration Horizon = Duration.FromDays(366);

    // The global schedule's next flip, with the instant it was searched from: until it passes, every decision on the
    // global schedule (each admission, each running workload of each sweep without a schedule of its own) has the
    // same answer, which the transition walk would otherwise search for again, allocating, on every decision.
    private FlipWindow? _globalFlip;

    public GlobalPolicy Global { get; } = global;

    /// <param name="workload">The workload.</param>
    /// <param name="workloadAnnotations">Its annotations (null when it has none).</param>
    /// <param name="operatorOwned">Whether its own ownerReferences name a controller.</param>
    /// <param name="namespaceAnnotations">Its namespace's annotations (null when none or unknown).</param>
    /// <param name="now">The instant, read once per admission or sweep.</param>
    /// <param name="cancellationToken">
    /// Stops the search of the next transition, which runs when the decision's <c>NextWorkingHours</c> or
    /// <c>NextOffHours</c> is first read: a read after the token is cancelled throws <see cref="OperationCanceledException"/>.
    /// </param>
    public PolicyDecision Resolve(
        WorkloadRef workload,
        IReadOnlyDictionary<string, string>? workloadAnnotations,
        bool operatorOwned,
        IReadOnlyDictionary<string, string>? namespaceAnnotations,
        Instant now,
        CancellationToken cancellationToken = default) =>
        Resolve(workload, workloadAnnotations, operatorOwned, namespaceAnnotations, SelectorLabels.Unknown, now, cancellationToken);

    /// <summary>As the overload without labels, with the labels the <c>Policy</c> selectors are tested against.</summary>
    /// <param name="workload">The workload.</param>
    /// <param name="workloadAnnotations">Its annotations (null when it has none).</param>
    /// <param name="operatorOwned">Whether its own ownerReferences name a controller.</param>
    /// <param name="namespaceAnnotations">Its namespace's annotations (null when none or unknown).</param>
    /// <param name="labels">Its labels and its namespace's, each null when not known.</param>
    /// <param name="now">The instant, read once per admission or sweep.</param>
    /// <param name="cancellationToken">As for the overload without labels.</param>
    public PolicyDecision Resolve(
        WorkloadRef workload,
        IReadOnlyDictionary<string, string>? workloadAnnotations,
        bool operatorOwned,
        IReadOnlyDictionary<string, string>? namespaceAnnotations,
        SelectorLabels labels,
        Instant now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (Global.NeverTouchedNamespaces.Contains(workload.Namespace))
        {
            return new PolicyDecision.Exempt(ExemptionReason.NeverTouchedNamespace, PolicyScope.Global, null, $"namespace {workload.Namespace} is never touched");
        }

        var scopes = new AnnotationScopes(workloadAnnotations, namespaceAnnotations, Global.KubeDownscalerAnnotations);
        var manual = ManualRestoreOf(scopes, out var invalidRestore);
        if (Global.Scope.Exemption(workload, labels) is { } outside)
        {
            return outside with { ManualRestore = manual };
        }

        if (operatorOwned)
        {
            return new PolicyDecision.Exempt(ExemptionReason.OperatorOwned, PolicyScope.Workload, null, $"{workload} is owned by a controller that manages its replicas") { ManualRestore = manual };
        }

        if (invalidRestore is not null)
        {
            return invalidRestore;
        }

        var decision = Exclusion(scopes, now, out var forced) ?? Schedule(scopes, workload.Kind.Stop == StopMethod.Replicas, forced, now, cancellationToken);
        return manual is null || decision is PolicyDecision.Invalid ? decision : decision with { ManualRestore = manual };
    }

    // tarnfui.io/restore from the most specific scope that sets it: the scope of a "manual", or null.
    private static PolicyScope? ManualRestoreOf(AnnotationScopes scopes, out PolicyDecision.Invalid? invalid)
    {
        invalid = null;
        if (scopes.MostSpecific(WellKnown.Annotations.Restore) is not { } found)
        {
            return null;
        }

        var parsed = AnnotationValues.ParseManualRestore(found.Key, found.Text);
        invalid = parsed.IsValid ? null : new PolicyDecision.Invalid(found.Key, found.Scope, parsed.Error);
        return parsed.IsValid ? found.Scope : null;
    }

    private PolicyDecision? Exclusion(AnnotationScopes scopes, Instant now, out ForcedSleep? forced)
    {
        forced = null;
        if (scopes.MostSpecific(WellKnown.Annotations.Exclude) is { } excluded)
        {
            var exclude = Untranslatable(excluded) ?? AnnotationValues.ParseBoolean(excluded.Key, excluded.Text);
            if (!exclude.IsValid)
            {
                return new PolicyDecision.Invalid(excluded.Key, excluded.Scope, exclude.Error);
            }

            if (exclude.Value)
            {
                return new PolicyDecision.Exempt(ExemptionReason.ExcludeAnnotation, excluded.Scope, null, $"{excluded.Key}=true on the {Describe(excluded.Scope)}");
            }
        }

        // exclude-until and sleep-until: an expired value is ignored, and when both hold one wins (TimedOverride).
        var timed = TimedOverride.Resolve(scopes, Global.TimeZone, now, out var invalid);
        if (invalid is not null)
        {
            return invalid;
        }

        if (timed is { Key: WellKnown.Annotations.SleepUntil })
        {
            forced = new ForcedSleep(timed.Until, timed.Scope, timed.Detail);
            return null;
        }

        return timed is null ? null : new PolicyDecision.Exempt(ExemptionReason.ExcludeUntil, timed.Scope, timed.Until, timed.Detail);
    }

    // downtime-replicas is read only for a kind held down by its count: a CronJob's namespace may well set it for its
    // Deployments, and a value there that cannot be read must not leave the CronJob running.
    // A forced sleep holds it off-hours whatever the schedule says, until its end and then the schedule's next working hours.
    private PolicyDecision Schedule(AnnotationScopes scopes, bool hasReplicas, ForcedSleep? forced, Instant now, CancellationToken cancellationToken)
    {
        var replicas = 0;
        if (hasReplicas && scopes.MostSpecific(WellKnown.Annotations.DowntimeReplicas) is { } downtimeReplicas)
        {
            var parsed = downtimeReplicas.Error is { } error ? ParseResult<int>.Fail(error) : AnnotationValues.ParseReplicas(downtimeReplicas.Key, downtimeReplicas.Text);
            if (!parsed.IsValid)
            {
                return new PolicyDecision.Invalid(downtimeReplicas.Key, downtimeReplicas.Scope, parsed.Error);
            }

            replicas = parsed.Value;
        }

        var schedule = EffectiveScheduleOf(scopes, out var invalid);
        if (invalid is not null)
        {
            return invalid;
        }

        var forcedDowntime = ForcedDowntime.Of(scopes, Global.Defaults);
        if (forcedDowntime.Error is { } unreadable)
        {
            return unreadable;
        }

        if (forcedDowntime.Value is { } force)
        {
            schedule = schedule! with { Downtime = ScheduleSpec.Union(schedule.Downtime, force.Spec), Forced = force.Describe() };
        }

        var holidays = Global.Holidays;
        var effective = schedule!;
        if (forced is not null)
        {
            return new PolicyDecision.OffHours(effective, replicas, () => WorkingHoursFrom(effective, holidays, forced.Until, cancellationToken), holidays.Matches(now), forced);
        }

        if (!IsOffHours(effective, holidays, now))
        {
            return new PolicyDecision.WorkingHours(effective, () => NextFlipOf(effective, holidays, now, offHoursNow: false, cancellationToken));
        }

        // Most admissions and sweeps in one off-hours spell meet the global schedule's flip already found: given as it
        // is, with no search to defer.
        return KnownGlobalFlip(effective, holidays, now, offHoursNow: true) is { } known
            ? new PolicyDecision.OffHours(effective, replicas, known, holidays.Matches(now))
            : new PolicyDecision.OffHours(effective, replicas, () => NextFlipOf(effective, holidays, now, offHoursNow: true, cancellationToken), holidays.Matches(now));
    }

    private EffectiveSchedule? EffectiveScheduleOf(AnnotationScopes scopes, out PolicyDecision.Invalid? invalid)
    {
        invalid = null;
        foreach (var scope in AnnotationScopes.Annotated)
        {
            var uptimeFound = scopes.Find(scope, WellKnown.Annotations.Uptime);
            var downtimeFound = scopes.Find(scope, WellKnown.Annotations.Downtime);
            if (uptimeFound is null && downtimeFound is null)
            {
                continue;
            }

            // The pair is taken whole: a scope that sets only one of them means "no restriction" for the other.
            var uptime = ParseAnnotation(uptimeFound?.Key ?? WellKnown.Annotations.Uptime, uptimeFound?.Text ?? "always", scope, ref invalid);
            var downtime = ParseAnnotation(downtimeFound?.Key ?? WellKnown.Annotations.Downtime, downtimeFound?.Text ?? "never", scope, ref invalid);
            var theirs = string.Join(", ", new[] { uptimeFound?.Key, downtimeFound?.Key }.Where(k => k is not null && KubeDownscalerMapping.IsKubeDownscalerKey(k)));
            return invalid is null ? new EffectiveSchedule(uptime!, downtime!, scope) { ReadFrom = theirs.Length == 0 ? null : theirs } : null;
        }

        return Global.Schedule;
    }

    private static ParseResult<bool>? Untranslatable(AnnotationValue found) =>
        found.Error is { } error ? ParseResult<bool>.Fail(error) : null;

    private ScheduleSpec? ParseAnnotation(string key, string text, PolicyScope scope, ref PolicyDecision.Invalid? invalid)
    {
        var spec = ScheduleSpec.Parse(text, Global.Defaults);
        if (spec.IsValid)
        {
            return spec.Value;
        }

        invalid ??= new PolicyDecision.Invalid(key, scope, $"{key} on the {Describe(scope)}: {spec.Error}");
        return null;
    }

    /// <summary>Off-hours: not in uptime, or in downtime, or on a holiday.</summary>
    public static bool IsOffHours(EffectiveSchedule schedule, ScheduleSpec holidays, Instant instant)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(holidays);
        return !schedule.Uptime.Matches(instant) || schedule.Downtime.Matches(instant) || holidays.Matches(instant);
    }

    private Instant? NextFlipOf(EffectiveSchedule schedule, ScheduleSpec holidays, Instant now, bool offHoursNow, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(schedule, Global.Schedule) || !ReferenceEquals(holidays, Global.Holidays))
        {
            return NextFlip(schedule, holidays, now, Horizon, null, cancellationToken);
        }

        if (KnownGlobalFlip(schedule, holidays, now, offHoursNow) is { } known)
        {
            return known;
        }

        var next = NextFlip(schedule, holidays, now, Horizon, null, cancellationToken);
        if (next is { } found)
        {
            Volatile.Write(ref _globalFlip, new FlipWindow(offHoursNow, now, found));
        }

        return next;
    }

    // Nothing flips between the instant searched from and the flip found, so any instant in between has the same
    // next flip. None found within the horizon is not kept: a later instant's horizon reaches further.
    private Instant? KnownGlobalFlip(EffectiveSchedule schedule, ScheduleSpec holidays, Instant now, bool offHoursNow) =>
        ReferenceEquals(schedule, Global.Schedule) && ReferenceEquals(holidays, Global.Holidays)
        && Volatile.Read(ref _globalFlip) is { } window && window.OffHours == offHoursNow && window.From <= now && now < window.Next
            ? window.Next
            : null;

    private sealed record FlipWindow(bool OffHours, Instant From, Instant Next);

    // The first instant from `from` on that the schedule says working hours: `from` itself, or its next flip.
    private static Instant? WorkingHoursFrom(EffectiveSchedule schedule, ScheduleSpec holidays, Instant from, CancellationToken cancellationToken) =>
        IsOffHours(schedule, holidays, from) ? NextFlip(schedule, holidays, from, Horizon, null, cancellationToken) : from;

    // Off-hours flip only where one of the three specs flips: one walk over the parts of all three finds the first
    // instant where the combination changes, evaluating at each candidate only the part that named it.
    internal static Instant? NextFlip(EffectiveSchedule schedule, ScheduleSpec holidays, Instant now, Duration horizon, SearchCost? cost, CancellationToken cancellationToken)
    {
        foreach (var flip in TransitionFinder.Find([schedule.Uptime, schedule.Downtime, holidays], OffHoursOf, now, horizon, cost, cancellationToken))
        {
            return flip.At;
        }

        return null;
    }

    // The combination TransitionFinder walks: bit 0 uptime, bit 1 downtime, bit 2 holidays, as in IsOffHours.
    private static bool OffHoursOf(int matching) => (matching & 0b001) == 0 || (matching & 0b110) != 0;

    internal static string Describe(PolicyScope scope) => scope == PolicyScope.Workload ? "workload" : "namespace";
}
