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
/// annotations (<c>exclude</c> from the most specific scope that sets it, <c>exclude-until</c> from either
/// scope, the schedule pair and <c>downtime-replicas</c> from the most specific scope). An annotation that
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

        if (Global.Scope.Exemption(workload, labels) is { } outside)
        {
            return outside;
        }

        if (operatorOwned)
        {
            return new PolicyDecision.Exempt(ExemptionReason.OperatorOwned, PolicyScope.Workload, null, $"{workload} is owned by a controller that manages its replicas");
        }

        var scopes = new AnnotationScopes(workloadAnnotations, namespaceAnnotations);
        return Exclusion(scopes, now) ?? Schedule(scopes, workload.Kind.Stop == StopMethod.Replicas, now, cancellationToken);
    }

    private PolicyDecision? Exclusion(AnnotationScopes scopes, Instant now)
    {
        if (scopes.MostSpecific(WellKnown.Annotations.Exclude) is var (excludeText, excludeScope))
        {
            var exclude = AnnotationValues.ParseBoolean(WellKnown.Annotations.Exclude, excludeText);
            if (!exclude.IsValid)
            {
                return new PolicyDecision.Invalid(WellKnown.Annotations.Exclude, excludeScope, exclude.Error);
            }

            if (exclude.Value)
            {
                return new PolicyDecision.Exempt(ExemptionReason.ExcludeAnnotation, excludeScope, null, $"{WellKnown.Annotations.Exclude}=true on the {Describe(excludeScope)}");
            }
        }

        PolicyDecision.Exempt? latest = null;
        foreach (var (text, scope) in scopes.All(WellKnown.Annotations.ExcludeUntil))
        {
            var until = AnnotationValues.ParseInstantOrDate(WellKnown.Annotations.ExcludeUntil, text, Global.TimeZone);
            if (!until.IsValid)
            {
                return new PolicyDecision.Invalid(WellKnown.Annotations.ExcludeUntil, scope, until.Error);
            }

            // An expired value is ignored: the wake-up is over and the schedule applies again.
            if (until.Value > now && (latest is null || until.Value > latest.Until))
            {
                latest = new PolicyDecision.Exempt(ExemptionReason.ExcludeUntil, scope, until.Value, $"{WellKnown.Annotations.ExcludeUntil}={text} on the {Describe(scope)}");
            }
        }

        return latest;
    }

    // downtime-replicas is read only for a kind held down by its count: a CronJob's namespace may well set it for its
    // Deployments, and a value there that cannot be read must not leave the CronJob running.
    private PolicyDecision Schedule(AnnotationScopes scopes, bool hasReplicas, Instant now, CancellationToken cancellationToken)
    {
        var replicas = 0;
        if (hasReplicas && scopes.MostSpecific(WellKnown.Annotations.DowntimeReplicas) is var (replicasText, replicasScope))
        {
            var parsed = AnnotationValues.ParseReplicas(WellKnown.Annotations.DowntimeReplicas, replicasText);
            if (!parsed.IsValid)
            {
                return new PolicyDecision.Invalid(WellKnown.Annotations.DowntimeReplicas, replicasScope, parsed.Error);
            }

            replicas = parsed.Value;
        }

        var schedule = EffectiveScheduleOf(scopes, out var invalid);
        if (invalid is not null)
        {
            return invalid;
        }

        var holidays = Global.Holidays;
        var effective = schedule!;
        return IsOffHours(effective, holidays, now)
            ? new PolicyDecision.OffHours(effective, replicas, () => NextFlipOf(effective, holidays, now, offHoursNow: true, cancellationToken), holidays.Matches(now))
            : new PolicyDecision.WorkingHours(effective, () => NextFlipOf(effective, holidays, now, offHoursNow: false, cancellationToken));
    }

    private EffectiveSchedule? EffectiveScheduleOf(AnnotationScopes scopes, out PolicyDecision.Invalid? invalid)
    {
        invalid = null;
        foreach (var scope in AnnotationScopes.Annotated)
        {
            var uptimeText = scopes.Get(scope, WellKnown.Annotations.Uptime);
            var downtimeText = scopes.Get(scope, WellKnown.Annotations.Downtime);
            if (uptimeText is null && downtimeText is null)
            {
                continue;
            }

            // The pair is taken whole: a scope that sets only one of them means "no restriction" for the other.
            var uptime = ParseAnnotation(WellKnown.Annotations.Uptime, uptimeText ?? "always", scope, ref invalid);
            var downtime = ParseAnnotation(WellKnown.Annotations.Downtime, downtimeText ?? "never", scope, ref invalid);
            return invalid is null ? new EffectiveSchedule(uptime!, downtime!, scope) : null;
        }

        return Global.Schedule;
    }

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

        // Nothing flips between the instant searched from and the flip found, so any instant in between has the same
        // next flip. None found within the horizon is not kept: a later instant's horizon reaches further.
        if (Volatile.Read(ref _globalFlip) is { } window && window.OffHours == offHoursNow && window.From <= now && now < window.Next)
        {
            return window.Next;
        }

        var next = NextFlip(schedule, holidays, now, Horizon, null, cancellationToken);
        if (next is { } found)
        {
            Volatile.Write(ref _globalFlip, new FlipWindow(offHoursNow, now, found));
        }

        return next;
    }

    private sealed record FlipWindow(bool OffHours, Instant From, Instant Next);

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

    private static string Describe(PolicyScope scope) => scope == PolicyScope.Workload ? "workload" : "namespace";
}
