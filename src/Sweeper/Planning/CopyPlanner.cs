using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// A Deployment behind the running pods of a page, with the ReplicaSet the pods named (null: none) and what it says of
/// the Deployment (null: nothing usable).
/// </summary>
internal sealed record StopCandidate(WorkloadRef Workload, OwnerRef? ReplicaSet, ReplicaSetCopy? Copy);

/// <summary>
/// Plans the stop of a Deployment from its ReplicaSet's copy, without reading the Deployment: pure, copy + namespace
/// + policy + instant → action. A stop carries JSON Patch tests of everything the decision read (uid, replicas,
/// revision, each Tarnfui annotation's value or absence, no stopped label, no ownerReferences), so an outdated copy
/// fails the patch and the caller reads the Deployment instead; nothing is ever written on the copy's word alone.
/// </summary>
internal static class CopyPlanner
{
    /// <summary>
    /// The distinct workloads behind the running pods of one page, each with the copy of its newest ReplicaSet in the
    /// page (mid-rollout an old one's copy is behind, and would fail), skipping those the stopped set already holds
    /// (their pods are on their way out) and those <paramref name="handled"/> says this sweep has seen.
    /// </summary>
    public static IReadOnlyList<StopCandidate> Candidates(
        IEnumerable<RunningPod> page,
        OwnerCache owners,
        Func<WorkloadRef, bool> knownStopped,
        ISet<WorkloadRef> handled)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(knownStopped);
        ArgumentNullException.ThrowIfNull(handled);
        var found = new Dictionary<WorkloadRef, StopCandidate>();
        var order = new List<WorkloadRef>();
        var seen = new List<WorkloadRef>();
        foreach (var pod in page)
        {
            var controller = pod.Controller;
            var workload = OwnerWalk.WorkloadOf(pod, owners);
            if (workload is null)
            {
                continue;
            }

            // Marked handled only after the page: its other pods may name a newer ReplicaSet of the same workload.
            seen.Add(workload);
            if (handled.Contains(workload) || knownStopped(workload))
            {
                continue;
            }

            var candidate = controller is { Kind: OwnerWalk.ReplicaSet } rs
                ? new StopCandidate(workload, rs, owners.Copy(rs))
                : new StopCandidate(workload, null, null);
            if (!found.TryGetValue(workload, out var best))
            {
                order.Add(workload);
                found[workload] = candidate;
            }
            else if (Newer(candidate.Copy, best.Copy))
            {
                found[workload] = candidate;
            }
        }

        handled.UnionWith(seen);
        return [.. order.Select(w => found[w])];
    }

    /// <summary>Decides from the copy: a stop with its tests, leave, or read the Deployment first.</summary>
    public static StopPlan Plan(ReplicaSetCopy copy, IReadOnlyDictionary<string, string>? namespaceAnnotations, PolicyResolver policy, Instant now)
    {
        ArgumentNullException.ThrowIfNull(copy);
        ArgumentNullException.ThrowIfNull(policy);

        // A candidate is not in the stopped set, so state keys on a copy are what the controller copied at an earlier
        // stop and never removed after the restore. Planned as absent, and tested absent: a Deployment that really
        // carries them fails the patch and is read.
        if (!copy.Exact && StopMarks.Annotations.Any(copy.Annotations.ContainsKey))
        {
            copy = copy with { Annotations = copy.Annotations.Where(a => !StopMarks.Annotations.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) };
        }

        var snapshot = Snapshot(copy);
        var plan = StopPlanner.Plan(snapshot, namespaceAnnotations, policy, now);
        return plan switch
        {
            StopPlan.ScaleDown stop => stop with { Preconditions = Preconditions(copy, policy.Global.KubeDownscalerAnnotations) },

            // The controller never removes an annotation from the copy: one that keeps the workload running (an
            // exclude, its own uptime) may be gone from the Deployment. Only the Deployment can say.
            StopPlan.Leave leave when !copy.Exact && copy.HasDecisiveAnnotations && IsAnnotationDecided(copy, namespaceAnnotations, policy, now)
                => new StopPlan.ReadFirst(snapshot, $"left running by its own annotations ({leave.Reason}), which the copy may keep after their removal"),

            // Warnings name the workload's exact version: read it before warning.
            StopPlan.Invalid invalid when !copy.Exact => new StopPlan.ReadFirst(snapshot, invalid.Message),
            _ => plan,
        };
    }

    /// <summary>
    /// The tests a stop planned from <paramref name="copy"/> carries. With <paramref name="kubeDownscaler"/> their keys
    /// decide too, so each one the copy lacks is tested absent: the controller copies a key added to the Deployment
    /// only later, and a stop on the copy's word would miss a <c>downscaler/exclude</c> or <c>uptime</c> just written.
    /// </summary>
    public static PatchPreconditions Preconditions(ReplicaSetCopy copy, bool kubeDownscaler)
    {
        ArgumentNullException.ThrowIfNull(copy);
        var annotations = new List<KeyValuePair<string, string?>>();
        if (copy.Revision is { } revision)
        {
            // An old ReplicaSet mid-rollout carries an old revision (and an old copy): its stop fails here.
            annotations.Add(KeyValuePair.Create(WellKnown.DeploymentAnnotations.Revision, (string?)revision));
        }

        var keys = WellKnown.Annotations.Decisive
            .Concat(kubeDownscaler ? KubeDownscalerMapping.Equivalents.Values : [])
            .Concat(copy.Annotations.Keys.Where(DecisiveMetadata.IsKept))
            .Distinct(StringComparer.Ordinal);
        annotations.AddRange(keys.Select(k => KeyValuePair.Create(k, copy.Annotations.TryGetValue(k, out var v) ? v : null)));
        return new PatchPreconditions(null, copy.Replicas)
        {
            Uid = copy.Uid.ToString(),
            NoOwnerReferences = true,
            Annotations = annotations,
            Labels = [KeyValuePair.Create(StopMarks.StoppedLabel, (string?)null)],
        };
    }

    /// <summary>
    /// The snapshot the planners see: the copy's annotations and count. Its labels are unknown and taken as an
    /// existing map without Tarnfui's label, which the patch tests.
    /// </summary>
    public static WorkloadSnapshot Snapshot(ReplicaSetCopy copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        return new WorkloadSnapshot(copy.Deployment, copy.Uid, copy.ResourceVersion, copy.Replicas,
            new WorkloadMetadata(copy.Annotations, new Dictionary<string, string>()), copy.OperatorOwned, PodResources.None);
    }

    // Would the workload be stopped if its own Tarnfui annotations were not there?
    private static bool IsAnnotationDecided(ReplicaSetCopy copy, IReadOnlyDictionary<string, string>? namespaceAnnotations, PolicyResolver policy, Instant now)
    {
        var bare = copy with
        {
            Annotations = copy.Annotations.Where(a => !WellKnown.Annotations.Decisive.Contains(a.Key) && !KubeDownscalerMapping.IsKubeDownscalerKey(a.Key))
                .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
        };
        return StopPlanner.Plan(Snapshot(bare), namespaceAnnotations, policy, now) is not StopPlan.Leave;
    }

    private static bool Newer(ReplicaSetCopy? candidate, ReplicaSetCopy? best) =>
        candidate is not null && (best is null || Number(candidate.Revision) > Number(best.Revision));

    private static long Number(string? revision) =>
        long.TryParse(revision, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
}
