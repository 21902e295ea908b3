using NodaTime;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Cli.Cluster.Explain;

/// <summary>Everything <c>explain</c> says about one workload, decided purely from what was read.</summary>
internal sealed record Explanation(
    Workload Workload,
    PolicyDecision Decision,
    EffectiveSchedule? Schedule,
    int DowntimeReplicas,
    PolicyScope? DowntimeReplicasSource,
    IReadOnlyList<ExclusionNote> Exclusions,
    IReadOnlyList<(Instant At, PolicyDecision Decision)> Transitions,
    string Holidays,
    string Configuration,
    Instant Now,
    AutoscalerNote? Autoscaler = null,
    ScaledObjectNote? ScaledObject = null)
{
    /// <summary>How many upcoming transitions explain lists.</summary>
    public const int TransitionCount = 4;

    /// <param name="workload">The workload explained.</param>
    /// <param name="namespaceAnnotations">Its namespace's annotations.</param>
    /// <param name="policy">The global policy.</param>
    /// <param name="now">The instant explained.</param>
    /// <param name="autoscaler">The HorizontalPodAutoscaler that scales it, if any.</param>
    /// <param name="scaledObject">The KEDA ScaledObject that scales it, if any.</param>
    public static Explanation Create(
        Workload workload, IReadOnlyDictionary<string, string>? namespaceAnnotations, ClusterPolicy policy, Instant now, AutoscalerNote? autoscaler = null, ScaledObjectNote? scaledObject = null)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(policy);
        var resolver = policy.Resolver;
        PolicyDecision Resolve(Instant at) => resolver.Resolve(workload.Ref, workload.Annotations, workload.OperatorOwned, namespaceAnnotations, at);
        var decision = Resolve(now);

        // An exempt or invalid decision carries no schedule; ask what applies once the exclusion is set aside, so
        // explain can still say which schedule would hold.
        var schedule = decision switch
        {
            PolicyDecision.WorkingHours w => w.Schedule,
            PolicyDecision.OffHours o => o.Schedule,
            _ => ScheduleBeyondExclusions(resolver, workload, namespaceAnnotations, now),
        };

        PolicyScope? replicasSource = workload.Annotations.ContainsKey(WellKnown.Annotations.DowntimeReplicas) ? PolicyScope.Workload
            : namespaceAnnotations?.ContainsKey(WellKnown.Annotations.DowntimeReplicas) == true ? PolicyScope.Namespace
            : null;
        var holidays = resolver.Global.Holidays.Text;
        return new Explanation(
            workload,
            decision,
            schedule,
            ReplicaRules.DowntimeReplicas(workload.Annotations, namespaceAnnotations).TryGetValue(out var replicas) ? replicas : 0,
            replicasSource,
            ExclusionNote.Collect(workload.Annotations, namespaceAnnotations, resolver.Global.TimeZone, now),
            DecisionText.Transitions(Resolve, now, TransitionCount),
            string.Equals(holidays, "never", StringComparison.OrdinalIgnoreCase) ? string.Empty : holidays,
            policy.Source,
            now,
            autoscaler,
            scaledObject);
    }

    private static EffectiveSchedule? ScheduleBeyondExclusions(PolicyResolver resolver, Workload workload, IReadOnlyDictionary<string, string>? namespaceAnnotations, Instant now)
    {
        static Dictionary<string, string>? Strip(IReadOnlyDictionary<string, string>? map) =>
            map?.Where(p => p.Key is not (WellKnown.Annotations.Exclude or WellKnown.Annotations.ExcludeUntil or WellKnown.KubeDownscaler.Exclude or WellKnown.KubeDownscaler.ExcludeUntil))
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        // Namespace rules and operator ownership exempt before any annotation is read; resolve the annotations alone
        // (an unnamed namespace is in no list) to find the schedule that would apply without them.
        var unlisted = workload.Ref with { Namespace = string.Empty };
        return resolver.Resolve(unlisted, Strip(workload.Annotations), operatorOwned: false, Strip(namespaceAnnotations), now) switch
        {
            PolicyDecision.WorkingHours w => w.Schedule,
            PolicyDecision.OffHours o => o.Schedule,
            _ => null,
        };
    }
}
