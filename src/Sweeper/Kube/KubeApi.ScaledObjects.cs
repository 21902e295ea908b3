using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// The calls of the KEDA ScaledObject view and its writes: every ScaledObject (<c>keda.sh/v1alpha1</c>), listed and
/// watched whole because its target is in its spec, and the reads and <c>/scale</c> write of a target. ScaledObjects
/// are few; the view keeps only a <see cref="ScaledObjectSnapshot"/> of each. Only called while discovery says the
/// cluster serves them (<see cref="ServedApis"/>).
/// </summary>
internal sealed partial class KubeApi
{
    private const string KedaGroup = WellKnown.Keda.Group;
    private const string KedaVersion = WellKnown.Keda.Version;
    private const string KedaPlural = WellKnown.Keda.ScaledObjects;

    /// <summary>A page of every ScaledObject, all namespaces (<paramref name="namespace"/> null) or one.</summary>
    public async Task<ScaledObjectList> ListScaledObjectsAsync(string? @namespace, string? continueToken, CancellationToken cancellationToken)
    {
        using var response = @namespace is null
            ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<ScaledObjectList>(
                KedaGroup, KedaVersion, KedaPlural, continueParameter: continueToken, limit: _pageSize, cancellationToken: cancellationToken)
            : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<ScaledObjectList>(
                KedaGroup, KedaVersion, @namespace, KedaPlural, continueParameter: continueToken, limit: _pageSize, cancellationToken: cancellationToken);
        return response.Body;
    }

    /// <summary>Watches every ScaledObject from <paramref name="resourceVersion"/>; <paramref name="connected"/> as for <see cref="WatchStoppedAsync"/>.</summary>
    public async IAsyncEnumerable<(WatchEventType Type, ScaledObjectResource ScaledObject)> WatchScaledObjectsAsync(
        string? @namespace, string resourceVersion, Action connected, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var listener = watchSignals.Listen(connected);
        var headers = new Dictionary<string, IReadOnlyList<string>> { [WatchSignals.Header] = [listener.Id] };
        var response = @namespace is null
            ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<ScaledObjectList>(
                KedaGroup, KedaVersion, KedaPlural, allowWatchBookmarks: true, resourceVersion: resourceVersion, watch: true, customHeaders: headers, cancellationToken: cancellationToken)
            : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<ScaledObjectList>(
                KedaGroup, KedaVersion, @namespace, KedaPlural, allowWatchBookmarks: true, resourceVersion: resourceVersion, watch: true, customHeaders: headers, cancellationToken: cancellationToken);
        connected();
#pragma warning disable CS0618 // the obsolete WatchAsync extension: see the class remarks
        await foreach (var (type, item) in Task.FromResult(response).WatchAsync<ScaledObjectResource, ScaledObjectList>(EndWatch, cancellationToken))
#pragma warning restore CS0618
        {
            yield return (type, item);
        }
    }

    /// <summary>One ScaledObject read again after a write failed its tests, or null when it is gone.</summary>
    public async Task<ScaledObjectSnapshot?> ReadScaledObjectAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<ScaledObjectResource>(
                KedaGroup, KedaVersion, @namespace, KedaPlural, name, cancellationToken: cancellationToken);
            return ScaledObjectSnapshotOf(response.Body);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Sends one JSON Patch to a ScaledObject: the object as written, null when it is gone, or a conflict (a failed test, 409 or 422).</summary>
    public async Task<(bool Conflict, ScaledObjectSnapshot? Written)> PatchScaledObjectAsync(ScaledObjectSnapshot scaledObject, JsonArray operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scaledObject);
        ArgumentNullException.ThrowIfNull(operations);
        var patch = new V1Patch(operations.ToJsonString(), V1Patch.PatchType.JsonPatch);
        try
        {
            using var response = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<ScaledObjectResource>(
                patch, KedaGroup, KedaVersion, scaledObject.Namespace, KedaPlural, scaledObject.Name, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
            return (false, ScaledObjectSnapshotOf(response.Body));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return (false, null);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            return (true, null);
        }
    }

    /// <summary>A KEDA target's annotations and operator ownership (a metadata-only GET), or null when it is gone.</summary>
    public Task<V1ObjectMeta?> ReadTargetMetadataAsync(WorkloadRef target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Kind == WorkloadKind.Deployment || target.Kind == WorkloadKind.StatefulSet
            ? ReadMetadataAsync(target.Kind.Group, target.Kind.Version, target.Kind.Plural, target.Namespace, target.Name, cancellationToken)
            : throw WorkloadKind.NotHandled(target.Kind, nameof(ReadTargetMetadataAsync));
    }

    /// <summary>A KEDA target's replica count from its <c>/scale</c>, or null when it is gone.</summary>
    public async Task<int?> ReadTargetReplicasAsync(WorkloadRef target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            if (target.Kind == WorkloadKind.Deployment)
            {
                using var response = await client.AppsV1.ReadNamespacedDeploymentScaleWithHttpMessagesAsync(target.Name, target.Namespace, cancellationToken: cancellationToken);
                return response.Body.Spec?.Replicas ?? 0;
            }

            if (target.Kind == WorkloadKind.StatefulSet)
            {
                using var set = await client.AppsV1.ReadNamespacedStatefulSetScaleWithHttpMessagesAsync(target.Name, target.Namespace, cancellationToken: cancellationToken);
                return set.Body.Spec?.Replicas ?? 0;
            }

            throw WorkloadKind.NotHandled(target.Kind, nameof(ReadTargetReplicasAsync));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Sets a KEDA target's <c>/scale</c> to <paramref name="replicas"/>; false when the target is gone.</summary>
    public async Task<bool> ScaleTargetAsync(WorkloadRef target, int replicas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var patch = new V1Patch(new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }.ToJsonString(), V1Patch.PatchType.MergePatch);
        try
        {
            if (target.Kind == WorkloadKind.Deployment)
            {
                using var response = await client.AppsV1.PatchNamespacedDeploymentScaleWithHttpMessagesAsync(patch, target.Name, target.Namespace, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
                return true;
            }

            if (target.Kind == WorkloadKind.StatefulSet)
            {
                using var set = await client.AppsV1.PatchNamespacedStatefulSetScaleWithHttpMessagesAsync(patch, target.Name, target.Namespace, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
                return true;
            }

            throw WorkloadKind.NotHandled(target.Kind, nameof(ScaleTargetAsync));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// What the sweeper keeps of a ScaledObject: its target (kind defaulting to Deployment and apiVersion to apps/v1,
    /// as KEDA defaults them; null for a kind Tarnfui does not scale through <c>/scale</c>), its pause and its record.
    /// </summary>
    public static ScaledObjectSnapshot ScaledObjectSnapshotOf(ScaledObjectResource scaledObject)
    {
        ArgumentNullException.ThrowIfNull(scaledObject);
        var metadata = scaledObject.Metadata;
        var ns = SharedStrings.Share(metadata.NamespaceProperty ?? "");
        var reference = scaledObject.Spec?.ScaleTargetRef;
        var target = reference?.Name is { Length: > 0 } name
            && WorkloadKind.FindByOwner(reference.ApiVersion ?? "apps/v1", reference.Kind ?? "Deployment") is { Stop: StopMethod.Replicas } kind
            ? new WorkloadRef(kind, ns, name)
            : null;
        return new ScaledObjectSnapshot(ns, metadata.Name, metadata.Uid ?? "", metadata.ResourceVersion ?? "", target,
            ScaledObjectSnapshot.Keep(metadata.Annotations, [WellKnown.Keda.PausedReplicas, .. WellKnown.Annotations.ScaledObjectState]),
            ScaledObjectSnapshot.Keep(metadata.Labels, [WellKnown.Labels.Stopped]));
    }
}
