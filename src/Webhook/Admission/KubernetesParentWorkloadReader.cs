using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Policy;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// One GET of the Deployment or StatefulSet, bounded by <c>Webhook:ParentReadTimeout</c>: the API server waits
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

    private static IReadOnlyDictionary<string, string>? ReadOnly(IDictionary<string, string>? map) => map switch
    {
        null => null,
        IReadOnlyDictionary<string, string> readOnly => readOnly,
        _ => new Dictionary<string, string>(map),
    };
}
