using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Workloads;

// KEDA ScaledObjects, through the custom-object API (KubernetesClient has no model for them). A cluster without the
// CRD answers a list with 404: that is "no ScaledObjects", not an error.
internal sealed partial class WorkloadApi
{
    /// <summary>Every ScaledObject of a namespace (all namespaces: null) matching <paramref name="labelSelector"/>; none when the cluster does not serve them.</summary>
    public async Task<IReadOnlyList<ScaledObject>> ListScaledObjectsAsync(string? @namespace, string? labelSelector, CancellationToken cancellationToken)
    {
        List<ScaledObject> all = [];
        string? continueToken = null;
        try
        {
            do
            {
                using var response = @namespace is null
                    ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                        WellKnown.Keda.Group, WellKnown.Keda.Version, WellKnown.Keda.ScaledObjects, continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken)
                    : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
                        WellKnown.Keda.Group, WellKnown.Keda.Version, @namespace, WellKnown.Keda.ScaledObjects, continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken);
                var list = Json(response.Body);
                continueToken = list.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("continue", out var token) ? token.GetString() : null;
                if (list.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    all.AddRange(items.EnumerateArray().Select(ScaledObject.From));
                }
            }
            while (!string.IsNullOrEmpty(continueToken));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        return all;
    }

    /// <summary>The ScaledObject, or null when it (or the CRD) does not exist.</summary>
    public async Task<ScaledObject?> ReadScaledObjectAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return ScaledObject.From(Json(await client.CustomObjects.GetNamespacedCustomObjectAsync(
                WellKnown.Keda.Group, WellKnown.Keda.Version, @namespace, WellKnown.Keda.ScaledObjects, name, cancellationToken: cancellationToken)));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>One JSON Patch of a ScaledObject (its pause and record change together).</summary>
    public Task PatchScaledObjectAsync(ScaledObject scaledObject, JsonArray patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scaledObject);
        return client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), WellKnown.Keda.Group, WellKnown.Keda.Version, scaledObject.Namespace,
            WellKnown.Keda.ScaledObjects, scaledObject.Name, fieldManager: WellKnown.FieldManagers.Cli, cancellationToken: cancellationToken);
    }

    /// <summary>Sets a KEDA target's <c>/scale</c> to <paramref name="replicas"/> (KEDA scales through it too).</summary>
    public async Task ScaleTargetAsync(WorkloadRef target, int replicas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var patch = new V1Patch(new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }.ToJsonString(), V1Patch.PatchType.MergePatch);
        if (target.Kind == WorkloadKind.Deployment)
        {
            await client.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, target.Name, target.Namespace, fieldManager: WellKnown.FieldManagers.Cli, cancellationToken: cancellationToken);
        }
        else if (target.Kind == WorkloadKind.StatefulSet)
        {
            await client.AppsV1.PatchNamespacedStatefulSetScaleAsync(patch, target.Name, target.Namespace, fieldManager: WellKnown.FieldManagers.Cli, cancellationToken: cancellationToken);
        }
        else if (target.Kind == WorkloadKind.Rollout)
        {
            await client.CustomObjects.PatchNamespacedCustomObjectScaleAsync(
                patch, target.Kind.Group, target.Kind.Version, target.Namespace, target.Kind.Plural, target.Name, fieldManager: WellKnown.FieldManagers.Cli, cancellationToken: cancellationToken);
        }
        else
        {
            throw WorkloadKind.NotHandled(target.Kind, nameof(ScaleTargetAsync));
        }
    }
}
