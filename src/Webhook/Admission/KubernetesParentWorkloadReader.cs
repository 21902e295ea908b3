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
            // Every parent kind is read as the untyped object of its group's path (/apis/{group}/{version}/namespaces/...),
            // the same GET the typed calls make: the webhook needs the metadata and spec.replicas alone, and a typed
            // Deployment or StatefulSet would keep the generated JSON metadata of the whole pod template (every
            // container, volume and probe model) in the native executable, loaded into memory at start.
            // A kind outside the parent kinds fails in WorkloadKind.
            return workload.Kind switch
            {
                var k when k == WorkloadKind.Deployment || k == WorkloadKind.StatefulSet || k == WorkloadKind.Rollout =>
                    FromJson(await client.CustomObjects.GetNamespacedCustomObjectAsync(k.Group, k.Version, workload.Namespace, k.Plural, workload.Name, cancellationToken: timeout.Token)),
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

    // The object comes back as JSON: its metadata is a Kubernetes ObjectMeta, its count spec.replicas. Any other shape
    // goes back through KubernetesClient's serializer, whose options carry source-generated metadata.
    private static ParentWorkload FromJson(object body)
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
