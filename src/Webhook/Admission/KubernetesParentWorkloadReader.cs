using System.Text.Json;
using k8s;
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

    // The object comes back as JSON, read once; any other shape goes back through KubernetesClient's serializer, whose
    // options carry source-generated metadata.
    private static ParentWorkload FromJson(object body) =>
        ParentWorkload.FromObject(body is JsonElement element ? element : JsonElement.Parse(KubernetesJson.Serialize(body)));
}
