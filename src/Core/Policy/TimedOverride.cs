using NodaTime;

namespace Tarnfui.Core.Policy;

/// <summary>
/// The one of <c>exclude-until</c> and <c>sleep-until</c> that holds now, on a workload or its namespace.
/// </summary>
/// <remarks>
/// Alone, either key holds until its latest value on either scope. When both hold, the issue asks that the one written
/// later win; Kubernetes keeps no write time per annotation except in <c>metadata.managedFields</c>, which only the
/// webhook sees (the sweeper decides from ReplicaSet copies and views that drop managedFields, as informers do), and a
/// rule only one program could apply would let the webhook and the sweeper disagree. So the rule uses what all three read:
/// the workload's own key beats its namespace's (it was set to make an exception of this workload, hence later), and
/// both on one object (only a hand edit makes that: the CLI's <c>wake</c> and <c>sleep</c> each remove the other) let
/// <c>exclude-until</c> win, so an ambiguous policy never keeps a workload down.
/// </remarks>
/// <param name="Key">The key that holds: <see cref="WellKnown.Annotations.ExcludeUntil"/> or <see cref="WellKnown.Annotations.SleepUntil"/>.</param>
/// <param name="Until">Its value.</param>
/// <param name="Scope">Where it was found.</param>
/// <param name="Detail">The key, its value and scope, and why it beat the other key when both hold.</param>
public sealed record TimedOverride(string Key, Instant Until, PolicyScope Scope, string Detail)
{
    /// <summary>The override that holds now, or null; <paramref name="invalid"/> when a value cannot be read.</summary>
    internal static TimedOverride? Resolve(AnnotationScopes scopes, DateTimeZone zone, Instant now, out PolicyDecision.Invalid? invalid)
    {
        invalid = null;
        var excludeWorkload = Active(scopes, PolicyScope.Workload, WellKnown.Annotations.ExcludeUntil, zone, now, ref invalid);
        var sleepWorkload = Active(scopes, PolicyScope.Workload, WellKnown.Annotations.SleepUntil, zone, now, ref invalid);
        var excludeNamespace = Active(scopes, PolicyScope.Namespace, WellKnown.Annotations.ExcludeUntil, zone, now, ref invalid);
        var sleepNamespace = Active(scopes, PolicyScope.Namespace, WellKnown.Annotations.SleepUntil, zone, now, ref invalid);
        if (invalid is not null)
        {
            return null;
        }

        var exclude = Latest(excludeWorkload, excludeNamespace);
        var sleep = Latest(sleepWorkload, sleepNamespace);
        if (exclude is null || sleep is null)
        {
            return exclude ?? sleep;
        }

        // Both hold: the most specific scope that holds either decides, and on one object exclude-until wins.
        var (winner, loser, why) = (excludeWorkload, sleepWorkload) switch
        {
            (not null, not null) => (excludeWorkload, sleepWorkload, "both are on the workload, and on one object exclude-until wins"),
            (not null, null) => (excludeWorkload, sleepNamespace, "the workload's own annotation beats its namespace's"),
            (null, not null) => (sleepWorkload, excludeNamespace, "the workload's own annotation beats its namespace's"),
            _ => (excludeNamespace, sleepNamespace, "both are on the namespace, and on one object exclude-until wins"),
        };
        return winner! with { Detail = $"{winner!.Detail}; it beats {loser!.Detail} ({why})" };
    }

    private static TimedOverride? Latest(TimedOverride? workload, TimedOverride? @namespace) =>
        workload is null ? @namespace : @namespace is null || workload.Until >= @namespace.Until ? workload : @namespace;

    // The key's value on one scope when it is still in the future; an expired value is ignored (the override is over).
    private static TimedOverride? Active(AnnotationScopes scopes, PolicyScope scope, string key, DateTimeZone zone, Instant now, ref PolicyDecision.Invalid? invalid)
    {
        if (invalid is not null || scopes.Find(scope, key) is not { } found)
        {
            return null;
        }

        // found.Key is the key read: Tarnfui's, or kube-downscaler's equivalent in compatibility mode.
        var until = found.Error is { } error ? ParseResult<Instant>.Fail(error) : AnnotationValues.ParseInstantOrDate(found.Key, found.Text, zone);
        if (!until.IsValid)
        {
            invalid = new PolicyDecision.Invalid(found.Key, scope, until.Error);
            return null;
        }

        return until.Value > now ? new TimedOverride(key, until.Value, scope, $"{found.Key}={found.Text} on the {PolicyResolver.Describe(scope)}") : null;
    }
}
