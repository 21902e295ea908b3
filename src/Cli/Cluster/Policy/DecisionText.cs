using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Policy;

/// <summary>Words for a <see cref="PolicyDecision"/>, shared by status and explain.</summary>
internal static class DecisionText
{
    /// <summary><c>working hours</c>, <c>off-hours</c>, <c>forced sleep</c>, <c>holiday</c>, <c>excluded</c>, <c>invalid</c>.</summary>
    public static string State(PolicyDecision decision) => decision switch
    {
        PolicyDecision.Exempt => "excluded",
        PolicyDecision.WorkingHours => "working hours",
        PolicyDecision.OffHours { Forced: not null } => "forced sleep",
        PolicyDecision.OffHours { Holiday: true } => "holiday",
        PolicyDecision.OffHours => "off-hours",
        PolicyDecision.Invalid => "invalid",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    /// <summary>When this decision ends: the end of an exclusion, the next start of working or off-hours; null if never.</summary>
    public static Instant? Until(PolicyDecision decision) => decision switch
    {
        PolicyDecision.Exempt e => e.Until,
        PolicyDecision.WorkingHours w => w.NextOffHours,
        PolicyDecision.OffHours o => o.NextWorkingHours,
        _ => null,
    };

    /// <summary>kebab-case, as in JSON output and the WHY column: <c>exclude-until</c>, <c>operator-owned</c>.</summary>
    public static string Reason(ExemptionReason reason) => reason switch
    {
        ExemptionReason.NeverTouchedNamespace => "never-touched-namespace",
        ExemptionReason.ExcludedByConfiguration => "excluded-namespace",
        ExemptionReason.OutsideScope => "outside-scope",
        ExemptionReason.ExcludedBySelector => "exclude-selector",
        ExemptionReason.NotSelected => "not-selected",
        ExemptionReason.ExcludeAnnotation => "exclude",
        ExemptionReason.ExcludeUntil => "exclude-until",
        ExemptionReason.OperatorOwned => "operator-owned",
        _ => reason.ToString(),
    };

    public static string Scope(PolicyScope scope) => scope switch
    {
        PolicyScope.Workload => "workload",
        PolicyScope.Namespace => "namespace",
        _ => "global",
    };

    /// <summary>The next <paramref name="count"/> changes of decision after <paramref name="now"/>, each with the decision it starts.</summary>
    public static IReadOnlyList<(Instant At, PolicyDecision Decision)> Transitions(Func<Instant, PolicyDecision> resolve, Instant now, int count)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        var transitions = new List<(Instant, PolicyDecision)>(count);
        var at = now;
        var decision = resolve(at);
        while (transitions.Count < count && Until(decision) is { } next && next > at)
        {
            at = next;
            decision = resolve(at);
            transitions.Add((at, decision));
        }

        return transitions;
    }
}
