using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Workloads;

// Argo Rollouts, through the custom-object API (KubernetesClient has no model for them). A cluster without the CRD
// answers a list with 404: that is "no Rollouts", not an error.
internal sealed partial class WorkloadApi
{
    private static readonly WorkloadKind Rollouts = WorkloadKind.Rollout;

    private async Task<Workload> ReadRolloutAsync(WorkloadRef workload, CancellationToken cancellationToken) =>
        RolloutOf(await client.CustomObjects.GetNamespacedCustomObjectAsync(
            Rollouts.Group, Rollouts.Version, workload.Namespace, Rollouts.Plural, workload.Name, cancellationToken: cancellationToken));

    /// <summary>One page of Rollouts and the next page's token; an empty last page when the cluster does not serve Rollouts.</summary>
    private async Task<(IReadOnlyList<Workload> Page, string? Continue)> ListRolloutsAsync(
        string? @namespace, string? labelSelector, string? continueToken, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers, CancellationToken cancellationToken)
    {
        try
        {
            using var response = @namespace is null
                ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                    Rollouts.Group, Rollouts.Version, Rollouts.Plural, continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, customHeaders: headers, cancellationToken: cancellationToken)
                : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
                    Rollouts.Group, Rollouts.Version, @namespace, Rollouts.Plural, continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, customHeaders: headers, cancellationToken: cancellationToken);
            var list = Json(response.Body);
            var next = list.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("continue", out var token) ? token.GetString() : null;
            var items = list.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Select(item => RolloutOf(item)).ToList()
                : [];
            return (items, next);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return ([], null);
        }
    }

    private Task<object> PatchRolloutAsync(WorkloadRef workload, V1Patch patch, CancellationToken cancellationToken) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(
            patch, Rollouts.Group, Rollouts.Version, workload.Namespace, Rollouts.Plural, workload.Name, fieldManager: WellKnown.FieldManagers.Cli, cancellationToken: cancellationToken);

    // A list item is metadata only when listed with the metadata Accept header: no spec, so no count.
    private static Workload RolloutOf(object body)
    {
        var rollout = Json(body);
        var metadata = rollout.TryGetProperty("metadata", out var meta) ? KubernetesJson.Deserialize<V1ObjectMeta>(meta.GetRawText()) : new V1ObjectMeta();
        int? replicas = rollout.TryGetProperty("spec", out var spec)
            ? spec.TryGetProperty("replicas", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : 1
            : null;
        return WorkloadReader.From(Rollouts, metadata, replicas);
    }

    private static JsonElement Json(object body) => body switch
    {
        JsonElement element => element,
        _ => JsonSerializer.SerializeToElement(body),
    };
}
