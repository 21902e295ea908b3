using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Sandbox.Naive;

/// <summary>
/// The comparison point of the demo and the benchmarks: a sweeper that, like kube-downscaler and GoKubeDownscaler,
/// reads every Deployment and StatefulSet in full on every tick and decides from those lists. It decides with the
/// same policy and replica rules as Tarnfui and writes the same patches; only the way it finds its work differs.
/// <see cref="NaiveSweepMode"/> says how it reads and whether it writes.
/// </summary>
public sealed class NaiveSweeper(IKubernetes client, PolicyResolver policy, NaiveSweepMode mode)
{
    /// <summary>One tick at <paramref name="now"/>.</summary>
    public async Task<NaiveTick> SweepAsync(Instant now, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var namespaces = mode.Namespaces == NamespaceReads.ListAll ? await ListNamespacesAsync(cancellationToken) : null;
        string? token = null;
        do
        {
            var page = await client.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: token, limit: mode.PageSize, cancellationToken: cancellationToken);
            await DecideAsync(page.Items.Select(d => (new WorkloadRef(WorkloadKind.Deployment, d.Metadata.NamespaceProperty, d.Metadata.Name), d.Metadata, d.Spec?.Replicas ?? 1)),
                namespaces, tally, now, cancellationToken);
            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        token = null;
        do
        {
            var page = await client.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: token, limit: mode.PageSize, cancellationToken: cancellationToken);
            await DecideAsync(page.Items.Select(s => (new WorkloadRef(WorkloadKind.StatefulSet, s.Metadata.NamespaceProperty, s.Metadata.Name), s.Metadata, s.Spec?.Replicas ?? 1)),
                namespaces, tally, now, cancellationToken);
            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        return new NaiveTick(tally.Listed, tally.Stops, tally.Restores);
    }

    private async Task<Dictionary<string, Dictionary<string, string>?>> ListNamespacesAsync(CancellationToken cancellationToken)
    {
        var namespaces = new Dictionary<string, Dictionary<string, string>?>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await client.CoreV1.ListNamespaceAsync(continueParameter: token, limit: mode.PageSize, cancellationToken: cancellationToken);
            foreach (var ns in page.Items)
            {
                namespaces[ns.Metadata.Name] = Copy(ns.Metadata.Annotations);
            }

            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        return namespaces;
    }

    private async Task DecideAsync(IEnumerable<(WorkloadRef Workload, V1ObjectMeta Metadata, int Replicas)> workloads,
        Dictionary<string, Dictionary<string, string>?>? listedNamespaces, Tally tally, Instant now, CancellationToken cancellationToken)
    {
        foreach (var group in workloads.GroupBy(w => w.Workload.Namespace, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Dictionary<string, string>? nsAnnotations;
            if (listedNamespaces is not null)
            {
                nsAnnotations = listedNamespaces.GetValueOrDefault(group.Key);
            }
            else if (policy.Global.NeverTouchedNamespaces.Contains(group.Key))
            {
                continue;
            }
            else
            {
                nsAnnotations = Copy((await client.CoreV1.ReadNamespaceAsync(group.Key, cancellationToken: cancellationToken)).Metadata.Annotations);
            }

            foreach (var (workload, metadata, replicas) in group)
            {
                await ActAsync(workload, metadata, replicas, nsAnnotations, tally, now, cancellationToken);
            }
        }
    }

    private async Task ActAsync(WorkloadRef workload, V1ObjectMeta metadata, int replicas, Dictionary<string, string>? nsAnnotations, Tally tally,
        Instant now, CancellationToken cancellationToken)
    {
        var annotations = Copy(metadata.Annotations);
        var labels = Copy(metadata.Labels);
        var operatorOwned = metadata.OwnerReferences?.Any(o => o.Controller == true) == true;
        var state = StoppedState.Read(annotations, labels);
        var meta = new WorkloadMetadata(annotations, labels);
        var preconditions = PatchPreconditions.OnResourceVersion(metadata.ResourceVersion);
        tally.Listed++;
        JsonArray? patch;
        switch (policy.Resolve(workload, annotations, operatorOwned, nsAnnotations, now, cancellationToken))
        {
            case PolicyDecision.OffHours off when ReplicaRules.ForOffHours(replicas, off.DowntimeReplicas, state) is StopVerdict.ScaleDown down:
                patch = ReplicaPatches.Stop(meta, down.From, down.To, now, preconditions);
                tally.Stops++;
                break;
            case PolicyDecision.WorkingHours or PolicyDecision.Exempt { Reason: not ExemptionReason.NeverTouchedNamespace } when state is { IsValid: true, Value: { } stopped }:
                patch = ReplicaPatches.Restore(meta, stopped.OriginalReplicas, preconditions);
                tally.Restores++;
                break;
            default:
                return;
        }

        if (mode.Writes)
        {
            await PatchAsync(workload, new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), cancellationToken);
        }
    }

    private async Task PatchAsync(WorkloadRef workload, V1Patch body, CancellationToken cancellationToken)
    {
        if (workload.Kind == WorkloadKind.Deployment)
        {
            await client.AppsV1.PatchNamespacedDeploymentAsync(body, workload.Name, workload.Namespace, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
        }
        else
        {
            await client.AppsV1.PatchNamespacedStatefulSetAsync(body, workload.Name, workload.Namespace, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
        }
    }

    private static Dictionary<string, string>? Copy(IDictionary<string, string>? map) =>
        map is null ? null : new Dictionary<string, string>(map, StringComparer.Ordinal);

    private sealed class Tally
    {
        public int Listed { get; set; }

        public int Stops { get; set; }

        public int Restores { get; set; }
    }
}
