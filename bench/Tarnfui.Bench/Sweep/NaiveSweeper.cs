using System.Globalization;
using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Bench.Sweep;

/// <summary>
/// The comparison point: a sweeper that, like the Python Tarnfui, kube-downscaler and GoKubeDownscaler, lists
/// every namespace, Deployment and StatefulSet in full on every tick and decides from those lists. Same policy,
/// same decisions, same writes as Tarnfui's sweeper; only the way it finds its work differs.
/// </summary>
public sealed class NaiveSweeper(IKubernetes client, PolicyResolver policy, int pageSize = 500)
{
    /// <summary>One tick: returns how many workloads it stopped or restored.</summary>
    public async Task<int> SweepAsync(Instant now, CancellationToken cancellationToken)
    {
        var namespaces = new Dictionary<string, IDictionary<string, string>?>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await client.CoreV1.ListNamespaceAsync(continueParameter: token, limit: pageSize, cancellationToken: cancellationToken);
            foreach (var ns in page.Items)
            {
                namespaces[ns.Metadata.Name] = ns.Metadata.Annotations;
            }

            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        var writes = 0;
        token = null;
        do
        {
            var page = await client.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: token, limit: pageSize, cancellationToken: cancellationToken);
            foreach (var d in page.Items)
            {
                writes += await ActAsync(new WorkloadRef(WorkloadKind.Deployment, d.Metadata.NamespaceProperty, d.Metadata.Name), d.Metadata, d.Spec.Replicas ?? 1, namespaces, now, cancellationToken);
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
                writes += await ActAsync(new WorkloadRef(WorkloadKind.StatefulSet, s.Metadata.NamespaceProperty, s.Metadata.Name), s.Metadata, s.Spec.Replicas ?? 1, namespaces, now, cancellationToken);
            }

            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        return writes;
    }

    private async Task<int> ActAsync(WorkloadRef workload, V1ObjectMeta metadata, int replicas, Dictionary<string, IDictionary<string, string>?> namespaces, Instant now, CancellationToken cancellationToken)
    {
        var annotations = metadata.Annotations is { } a ? new Dictionary<string, string>(a) : null;
        var labels = metadata.Labels is { } l ? new Dictionary<string, string>(l) : null;
        namespaces.TryGetValue(workload.Namespace, out var nsAnnotations);
        var nsMap = nsAnnotations is null ? null : new Dictionary<string, string>(nsAnnotations);
        var operatorOwned = metadata.OwnerReferences?.Any(o => o.Controller == true) == true;
        var state = StoppedState.Read(annotations, labels);
        var decision = policy.Resolve(workload, annotations, operatorOwned, nsMap, now, cancellationToken);
        var meta = new WorkloadMetadata(annotations, labels);
        var preconditions = PatchPreconditions.OnResourceVersion(metadata.ResourceVersion);
        System.Text.Json.Nodes.JsonArray? patch = decision switch
        {
            PolicyDecision.OffHours off when ReplicaRules.ForOffHours(replicas, off.DowntimeReplicas, state) is StopVerdict.ScaleDown down =>
                ReplicaPatches.Stop(meta, down.From, down.To, now, preconditions),
            PolicyDecision.WorkingHours or PolicyDecision.Exempt { Reason: not ExemptionReason.NeverTouchedNamespace } when state is { IsValid: true, Value: { } stopped } =>
                ReplicaPatches.Restore(meta, stopped.OriginalReplicas, preconditions),
            _ => null,
        };
        if (patch is null)
        {
            return 0;
        }

        var body = new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch);
        if (workload.Kind == WorkloadKind.Deployment)
        {
            await client.AppsV1.PatchNamespacedDeploymentAsync(body, workload.Name, workload.Namespace, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
        }
        else
        {
            await client.AppsV1.PatchNamespacedStatefulSetAsync(body, workload.Name, workload.Namespace, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
        }

        return 1;
    }

    /// <summary>How the table names a byte count.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1 << 20 => (bytes / 1048576.0).ToString("0.0 'MiB'", CultureInfo.InvariantCulture),
        >= 1 << 10 => (bytes / 1024.0).ToString("0.0 'KiB'", CultureInfo.InvariantCulture),
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
