using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Sandbox.Demo;

/// <summary>What one naive tick found: the workloads it read and those it would have stopped or restored.</summary>
internal sealed record NaiveTick(int Listed, int WouldStop, int WouldRestore);

/// <summary>
/// The comparison point: a sweeper that, like kube-downscaler, GoKubeDownscaler and the Python Tarnfui, lists every
/// namespace, Deployment and StatefulSet in full on every tick and decides from those lists. It decides with the
/// same policy and replica rules as Tarnfui but writes nothing, so it can run on the same cluster at the same
/// ticks: what it costs is the reading, which is where list-everything sweepers spend their requests and bytes.
/// </summary>
internal sealed class NaiveSweeper(IKubernetes client, PolicyResolver policy, int pageSize = 500)
{
    public async Task<NaiveTick> SweepAsync(Instant now, CancellationToken cancellationToken)
    {
        var namespaces = new Dictionary<string, IReadOnlyDictionary<string, string>?>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await client.CoreV1.ListNamespaceAsync(continueParameter: token, limit: pageSize, cancellationToken: cancellationToken);
            foreach (var ns in page.Items)
            {
                namespaces[ns.Metadata.Name] = Copy(ns.Metadata.Annotations);
            }

            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        var tally = new Tally();
        token = null;
        do
        {
            var page = await client.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: token, limit: pageSize, cancellationToken: cancellationToken);
            foreach (var d in page.Items)
            {
                tally.Add(Decide(new WorkloadRef(WorkloadKind.Deployment, d.Metadata.NamespaceProperty, d.Metadata.Name), d.Metadata, d.Spec?.Replicas ?? 1, namespaces, now));
            }

            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        token = null;
        do
        {
            var page = await client.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: token, limit: pageSize, cancellationToken: cancellationToken);
            foreach (var s in page.Items)
            {
                tally.Add(Decide(new WorkloadRef(WorkloadKind.StatefulSet, s.Metadata.NamespaceProperty, s.Metadata.Name), s.Metadata, s.Spec?.Replicas ?? 1, namespaces, now));
            }

            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        return new NaiveTick(tally.Listed, tally.WouldStop, tally.WouldRestore);
    }

    private Verdict Decide(WorkloadRef workload, V1ObjectMeta metadata, int replicas, Dictionary<string, IReadOnlyDictionary<string, string>?> namespaces, Instant now)
    {
        var annotations = Copy(metadata.Annotations);
        var labels = Copy(metadata.Labels);
        var nsAnnotations = namespaces.GetValueOrDefault(workload.Namespace);
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
