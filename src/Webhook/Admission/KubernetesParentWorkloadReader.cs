using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Policy;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// One GET of the Deployment or StatefulSet, bounded by <c>Webhook:ParentReadTimeout</c>: the API server waits
/// for the webhook (5 s at most), so a slow read must give up well before and let the request through.
/// </summary>
public sealed class KubernetesParentWorkloadReader(IKubernetes client, IOptions<WebhookOptions> options, Metrics metrics, ILogger<KubernetesParentWorkloadReader> logger)
    : IParentWorkloadReader
{
    public async Task<ParentWorkload?> ReadAsync(WorkloadRef workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ParentReadTimeout);
        try
        {
            return workload.Kind == WorkloadKind.Deployment
                ? From(await client.AppsV1.ReadNamespacedDeploymentAsync(workload.Name, workload.Namespace, cancellationToken: timeout.Token), d => d.Spec?.Replicas)
                : From(await client.AppsV1.ReadNamespacedStatefulSetAsync(workload.Name, workload.Namespace, cancellationToken: timeout.Token), s => s.Spec?.Replicas);
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
        var annotations = metadata?.Annotations switch
        {
            null => null,
            IReadOnlyDictionary<string, string> map => map,
            var map => new Dictionary<string, string>(map),
        };
        var operatorOwned = metadata?.OwnerReferences?.Any(o => o.Controller == true) == true;
        return new ParentWorkload(annotations, operatorOwned, replicas(workload));
    }
}
