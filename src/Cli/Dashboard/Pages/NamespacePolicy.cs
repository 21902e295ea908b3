using NodaTime;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Dashboard.Pages;

/// <summary>
/// What the policy says of a namespace: the decision for a workload there that carries no annotation of its own, as
/// <c>status</c> decides a namespace's exclusion, and the words the pages show for it.
/// </summary>
internal static class NamespacePolicy
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);

    public static PolicyDecision Decide(PolicyResolver resolver, string @namespace, IReadOnlyDictionary<string, string>? annotations, Instant at)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return resolver.Resolve(Probe(@namespace), None, operatorOwned: false, annotations, at);
    }

    /// <summary>The schedule in words and where it comes from, or what stands instead of one.</summary>
    public static string Schedule(PolicyDecision decision) => decision switch
    {
        PolicyDecision.WorkingHours w => $"{w.Schedule.Describe()} ({DecisionText.Scope(w.Schedule.Source)})",
        PolicyDecision.OffHours o => $"{o.Schedule.Describe()} ({DecisionText.Scope(o.Schedule.Source)})",
        PolicyDecision.Exempt e => $"none: {e.Detail}",
        PolicyDecision.Invalid => "unreadable",
        _ => string.Empty,
    };

    /// <summary>The schedule a decision carries, if any.</summary>
    public static EffectiveSchedule? ScheduleOf(PolicyDecision decision) => decision switch
    {
        PolicyDecision.WorkingHours w => w.Schedule,
        PolicyDecision.OffHours o => o.Schedule,
        _ => null,
    };

    /// <summary>A workload of <paramref name="namespace"/> with no annotations, named so no person would name one.</summary>
    public static WorkloadRef Probe(string @namespace) => new(WorkloadKind.Deployment, @namespace, "-");
}
