using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Sandbox.Demo;

/// <summary>What one naive tick found: the workloads it read and those it would have stopped or restored.</summary>
internal sealed record NaiveTick(int Listed, int WouldStop, int WouldRestore);

/// <summary>
/// The comparison point: a sweeper that reads every Deployment and StatefulSet in full on every tick and decides
/// from those lists, the way kube-downscaler does it (caas-team/py-kube-downscaler, <c>autoscale_resources</c>): per
/// kind, one LIST across all namespaces without <c>limit</c>, then, for each namespace holding some, a GET of the
/// Namespace for its annotations (the never-touched namespaces are skipped first, as its default
/// <c>--exclude-namespaces</c> skips kube-system). It decides with the same policy and replica rules as Tarnfui but
/// writes nothing, so it can run on the same cluster at the same ticks: what it costs is the reading, which is
/// where list-everything sweepers spend their requests and bytes; their writes would be Tarnfui's.
/// </summary>
internal sealed class NaiveSweeper(IKubernetes client, PolicyResolver policy)
{
    public async Task<NaiveTick> SweepAsync(Instant now, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var deployments = await client.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: cancellationToken);
        await DecideAsync(deployments.Items.Select(d => (new WorkloadRef(WorkloadKind.Deployment, d.Metadata.NamespaceProperty, d.Metadata.Name), d.Metadata, d.Spec?.Replicas ?? 1)), tally, now, cancellationToken);
        var statefulSets = await client.AppsV1.ListStatefulSetForAllNamespacesAsync(cancellationToken: cancellationToken);
        await DecideAsync(statefulSets.Items.Select(s => (new WorkloadRef(WorkloadKind.StatefulSet, s.Metadata.NamespaceProperty, s.Metadata.Name), s.Metadata, s.Spec?.Replicas ?? 1)), tally, now, cancellationToken);
        return new NaiveTick(tally.Listed, tally.WouldStop, tally.WouldRestore);
    }

    private async Task DecideAsync(IEnumerable<(WorkloadRef Workload, V1ObjectMeta Metadata, int Replicas)> workloads, Tally tally, Instant now, CancellationToken cancellationToken)
    {
        foreach (var group in workloads.GroupBy(w => w.Workload.Namespace, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (policy.Global.NeverTouchedNamespaces.Contains(group.Key))
            {
                continue;
            }

            var ns = await client.CoreV1.ReadNamespaceAsync(group.Key, cancellationToken: cancellationToken);
            var nsAnnotations = Copy(ns.Metadata.Annotations);
            foreach (var (workload, metadata, replicas) in group)
            {
                tally.Add(Decide(workload, metadata, replicas, nsAnnotations, now));
            }
        }
    }

    private Verdict Decide(WorkloadRef workload, V1ObjectMeta metadata, int replicas, Dictionary<string, string>? nsAnnotations, Instant now)
    {
        var annotations = Copy(metadata.Annotations);
        var labels = Copy(metadata.Labels);
        var operatorOwned = metadata.OwnerReferences?.Any(o => o.Controller == true) == true;
        var state = StoppedState.Read(annotations, labels);
        return policy.Resolve(workload, annotations, operatorOwned, nsAnnotations, now) switch
        {
            PolicyDecision.OffHours off when ReplicaRules.ForOffHours(replicas, off.DowntimeReplicas, state) is StopVerdict.ScaleDown => Verdict.Stop,
            PolicyDecision.WorkingHours or PolicyDecision.Exempt { Reason: not ExemptionReason.NeverTouchedNamespace } when state is { IsValid: true, Value: not null } => Verdict.Restore,
            _ => Verdict.None,
        };
    }

    private static Dictionary<string, string>? Copy(IDictionary<string, string>? map) =>
        map is null ? null : new Dictionary<string, string>(map, StringComparer.Ordinal);

    private enum Verdict
    {
        None,
        Stop,
        Restore,
    }

    private sealed class Tally
    {
        public int Listed { get; private set; }

        public int WouldStop { get; private set; }

        public int WouldRestore { get; private set; }

        public void Add(Verdict verdict)
        {
            Listed++;
            WouldStop += verdict == Verdict.Stop ? 1 : 0;
            WouldRestore += verdict == Verdict.Restore ? 1 : 0;
        }
    }
}
