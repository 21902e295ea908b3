using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Policy;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// One GET of the Deployment, StatefulSet or Argo Rollout, bounded by <c>Webhook:ParentReadTimeout</c>: the API server waits
/// for the webhook (5 s at most), so a slow read must give up well before and let the request through.
/// </summary>
internal sealed class KubernetesParentWorkloadReader(IKubernetes client, IOptions<WebhookOptions> options, Metrics metrics, ILogger<KubernetesParentWorkloadReader> logger)
    : IParentWorkloadReader
{
    public async Task<ParentWorkload?> ReadAsync(WorkloadRef workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ParentReadTimeout);
        try
        {
            // The typed client has one call per kind: exhaustive, and a kind without a branch fails in WorkloadKind.
            return workload.Kind switch
            {
                var k when k == WorkloadKind.Deployment =>
                    From(await client.AppsV1.ReadNamespacedDeploymentAsync(workload.Name, workload.Namespace, cancellationToken: timeout.Token), d => d.Spec?.Replicas),
                var k when k == WorkloadKind.StatefulSet =>
                    From(await client.AppsV1.ReadNamespacedStatefulSetAsync(workload.Name, workload.Namespace, cancellationToken: timeout.Token), s => s.Spec?.Replicas),
                var k when k == WorkloadKind.Rollout =>
                    CustomResource(await client.CustomObjects.GetNamespacedCustomObjectAsync(k.Group, k.Version, workload.Namespace, k.Plural, workload.Name, cancellationToken: timeout.Token)),
                var k => throw WorkloadKind.NotHandled(k, nameof(KubernetesParentWorkloadReader)),
            };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Errors.WithLabels(Metrics.Reasons.ParentRead).Inc();
            Log.ParentReadFailed(logger, e, workload);
            return null;
        }
    }

    private static ParentWorkload From<T>(T workload, Func<T, int?> replicas)
        where T : IMetadata<V1ObjectMeta>
    {
        var metadata = workload.Metadata;
        var operatorOwned = metadata?.OwnerReferences?.Any(o => o.Controller == true) == true;
        return new ParentWorkload(ReadOnly(metadata?.Annotations), operatorOwned, replicas(workload), ReadOnly(metadata?.Labels));
    }

    // A custom resource (an Argo Rollout) comes back as JSON: its metadata is a Kubernetes ObjectMeta, its count spec.replicas.
    // Any other shape goes back through KubernetesClient's serializer, whose options carry source-generated metadata.
    private static ParentWorkload CustomResource(object body)
    {
        var json = body is JsonElement element ? element : JsonElement.Parse(KubernetesJson.Serialize(body));
        var metadata = json.TryGetProperty("metadata", out var meta) ? KubernetesJson.Deserialize<V1ObjectMeta>(meta.GetRawText()) : new V1ObjectMeta();
        int? replicas = json.TryGetProperty("spec", out var spec) && spec.TryGetProperty("replicas", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : null;
        var operatorOwned = metadata.OwnerReferences?.Any(o => o.Controller == true) == true;
        return new ParentWorkload(ReadOnly(metadata.Annotations), operatorOwned, replicas, ReadOnly(metadata.Labels));
    }

    private static IReadOnlyDictionary<string, string>? ReadOnly(IDictionary<string, string>? map) => map switch
    {
        null => null,
        IReadOnlyDictionary<string, string> readOnly => readOnly,
        _ => new Dictionary<string, string>(map),
    };
}
