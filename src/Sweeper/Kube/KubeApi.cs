using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// The sweeper's few calls to the Kubernetes API, on KubernetesClient. Lists and watches are metadata-only
/// (PartialObjectMetadataList, read as <see cref="MetadataObjectList"/>). Workloads read or written whole go through the
/// custom-object calls with the sweeper's own models of what it reads (<see cref="TemplatedObject"/>,
/// <see cref="CronJobObject"/>, <see cref="JobObject"/>): KubernetesClient's typed models
/// reach every pod model through their pod templates, whose generated JSON metadata the native executable would carry
/// (docs/benchmarks.md, "Sweeper memory: what the peak is made of"). Each branch on <see cref="WorkloadKind"/> is
/// exhaustive and ends in <see cref="WorkloadKind.NotHandled"/>, so a kind added without its calls fails loudly, never on
/// another kind's API.
/// </summary>
// Its watches use the obsolete Task<HttpOperationResponse>.WatchAsync extension, warned about where it is called:
// the non-obsolete WatchList…Async helpers take no custom headers, so they cannot ask for metadata only.
internal sealed partial class KubeApi(IKubernetes client, IOptions<SweeperOptions> options, GlobalPolicy global, WatchSignals watchSignals)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> MetadataList =
        new Dictionary<string, IReadOnlyList<string>> { ["Accept"] = [WellKnown.MetadataListAccept] };

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> MetadataGet =
        new Dictionary<string, IReadOnlyList<string>> { ["Accept"] = [WellKnown.MetadataAccept] };

    private readonly int _pageSize = options.Value.PageSize;

    /// <summary>
    /// Finished pods hold no resources and the never-touched (and configuration-excluded) namespaces are never
    /// stopped: the server filters both out, so they cost no bytes. Only excluded namespaces named exactly can be a
    /// field selector; those matched by a glob are left out by the stop pass before it walks their pods.
    /// </summary>
    public string RunningPodsFieldSelector { get; } = string.Join(',', new[] { "status.phase!=Succeeded", "status.phase!=Failed" }.Concat(WalkedNamespaces(global)));

    /// <summary>
    /// The ReplicaSets that run (kube-apiserver selects a ReplicaSet on its <c>status.replicas</c>), in the namespaces
    /// whose pods the stop pass walks: the owners of the running pods, and no more.
    /// </summary>
    public string RunningReplicaSetsFieldSelector { get; } = string.Join(',', new[] { "status.replicas!=0" }.Concat(WalkedNamespaces(global)));

    /// <summary>A page of the running pods of <paramref name="namespace"/> (null: all namespaces).</summary>
    public async Task<MetadataPage> ListRunningPodsAsync(string? @namespace, string? continueToken, CancellationToken cancellationToken)
    {
        // The metadata-only list of any kind (KubernetesClient's custom-object call builds the core group's /api/v1 path).
        return await ListSelectedAsync(new Resource("", "v1", "pods", null, RunningPodsFieldSelector), @namespace, continueToken, cancellationToken);
    }

    /// <summary>The ReplicaSet's metadata (its ownerReferences name its Deployment), or null when it is gone.</summary>
    public Task<V1ObjectMeta?> ReadReplicaSetMetadataAsync(OwnerRef replicaSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replicaSet);
        return ReadMetadataAsync("apps", "v1", "replicasets", replicaSet.Namespace, replicaSet.Name, cancellationToken);
    }

    // A metadata-only GET of any namespaced kind (the custom-object call builds the built-in kinds' paths too), or null
    // when the object is gone.
    private async Task<V1ObjectMeta?> ReadMetadataAsync(string group, string version, string plural, string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<MetadataObject>(
                group, version, @namespace, plural, name, customHeaders: MetadataGet, cancellationToken: cancellationToken);
            return response.Body.Metadata;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The whole workload (spec.replicas and the pod template are not in its metadata), or null when it is gone.</summary>
    public async Task<WorkloadSnapshot?> ReadWorkloadAsync(WorkloadRef workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        try
        {
            if (workload.Kind == WorkloadKind.Deployment || workload.Kind == WorkloadKind.StatefulSet)
            {
                using var response = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<TemplatedObject>(
                    workload.Kind.Group, workload.Kind.Version, workload.Namespace, workload.Kind.Plural, workload.Name, cancellationToken: cancellationToken);
                return WithLabels(TemplatedSnapshot(workload, response.Body), response.Body.Metadata);
            }

            if (workload.Kind == WorkloadKind.CronJob)
            {
                using var cronJob = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<CronJobObject>(
                    workload.Kind.Group, workload.Kind.Version, workload.Namespace, workload.Kind.Plural, workload.Name, cancellationToken: cancellationToken);
                return WithLabels(CronJobSnapshot(cronJob.Body), cronJob.Body.Metadata);
            }

            if (workload.Kind == WorkloadKind.Job)
            {
                return await ReadJobAsync(workload, cancellationToken);
            }

            if (workload.Kind == WorkloadKind.Rollout)
            {
                return await ReadRolloutAsync(workload, cancellationToken);
            }

            throw WorkloadKind.NotHandled(workload.Kind, nameof(ReadWorkloadAsync));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Sends one JSON Patch to the workload's main resource.</summary>
    public async Task<PatchOutcome> PatchAsync(WorkloadRef workload, JsonArray operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(operations);
        var patch = new V1Patch(operations.ToJsonString(), V1Patch.PatchType.JsonPatch);
        try
        {
            if (workload.Kind == WorkloadKind.Deployment || workload.Kind == WorkloadKind.StatefulSet)
            {
                using var response = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<TemplatedObject>(
                    patch, workload.Kind.Group, workload.Kind.Version, workload.Namespace, workload.Kind.Plural, workload.Name, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
                return new PatchOutcome.Applied(TemplatedSnapshot(workload, response.Body));
            }

            if (workload.Kind == WorkloadKind.CronJob)
            {
                using var cronJob = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<CronJobObject>(
                    patch, workload.Kind.Group, workload.Kind.Version, workload.Namespace, workload.Kind.Plural, workload.Name, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
                return new PatchOutcome.Applied(CronJobSnapshot(cronJob.Body));
            }

            if (workload.Kind == WorkloadKind.Job)
            {
                return await PatchJobAsync(workload, patch, cancellationToken);
            }

            if (workload.Kind == WorkloadKind.Rollout)
            {
                return await PatchRolloutAsync(workload, patch, cancellationToken);
            }

            throw WorkloadKind.NotHandled(workload.Kind, nameof(PatchAsync));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return new PatchOutcome.NotFound();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            return new PatchOutcome.Conflict((int)e.Response.StatusCode, e.Response.Content ?? e.Message);
        }
    }

    /// <summary>
    /// A page of the namespaces, or only <paramref name="name"/> (by field selector: RBAC lets a grant restricted by
    /// <c>resourceNames</c> cover a list or watch that selects <c>metadata.name</c>, which the namespaced install uses).
    /// </summary>
    public async Task<MetadataPage> ListNamespacesAsync(string? name, string? continueToken, CancellationToken cancellationToken)
    {
        using var response = await client.CoreV1.ListNamespaceWithHttpMessagesAsync(
            continueParameter: continueToken, fieldSelector: NameSelector(name), limit: _pageSize, customHeaders: MetadataList, cancellationToken: cancellationToken);
        return new MetadataPage([.. response.Body.Items.Select(n => n.Metadata)], response.Body.Metadata?.ContinueProperty, response.Body.Metadata?.ResourceVersion);
    }

    /// <summary>
    /// Watches the namespaces, or only <paramref name="name"/>, from <paramref name="resourceVersion"/>;
    /// <paramref name="connected"/> as for <see cref="WatchStoppedAsync"/>.
    /// </summary>
    public async IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)> WatchNamespacesAsync(
        string? name, string resourceVersion, Action connected, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var listener = watchSignals.Listen(connected);
        var response = await client.CoreV1.ListNamespaceWithHttpMessagesAsync(
            allowWatchBookmarks: true, fieldSelector: NameSelector(name), resourceVersion: resourceVersion, watch: true, customHeaders: WatchHeaders(listener), cancellationToken: cancellationToken);
        connected();
#pragma warning disable CS0618 // the obsolete WatchAsync extension: see the class remarks
        await foreach (var (type, item) in Task.FromResult(response).WatchAsync<V1Namespace, V1NamespaceList>(EndWatch, cancellationToken))
#pragma warning restore CS0618
        {
            yield return (type, item.Metadata);
        }
    }

    // The never-touched and configuration-excluded namespaces named exactly, as field selector terms.
    private static IEnumerable<string> WalkedNamespaces(GlobalPolicy global) =>
        global.NeverTouchedNamespaces.Concat(global.Scope.ExactlyExcluded).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(ns => $"metadata.namespace!={ns}");

    private static string? NameSelector(string? name) => name is null ? null : "metadata.name=" + name;

    // Metadata only, and the listener the request handler tells when the stream opens.
    private static Dictionary<string, IReadOnlyList<string>> WatchHeaders(WatchSignals.Listener listener) =>
        new() { ["Accept"] = [WellKnown.MetadataListAccept], [WatchSignals.Header] = [listener.Id] };

    // KubernetesClient's watch hands an ERROR event (a Status, e.g. 410 Expired for a resource version compacted
    // away) and an event it cannot read to this callback and, without one, drops them and reads on: the watch would
    // end as if the server had timed it out and reconnect from the same expired version, forever, and a change
    // it could not read would be missing from the view. Ending the watch instead makes the view list again.
    private static void EndWatch(Exception e) =>
        throw (e is KubernetesException ? e : new System.Text.Json.JsonException("A watch event could not be read: " + e.Message, e));

    /// <summary>Creates an events.k8s.io/v1 Event; a retried create that already landed (409) counts as done.</summary>
    public async Task CreateEventAsync(Eventsv1Event body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var response = await client.EventsV1.CreateNamespacedEventWithHttpMessagesAsync(body, body.Metadata.NamespaceProperty, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }
    }

    /// <summary>
    /// <paramref name="snapshot"/> with the labels the <c>Policy</c> selectors name, for a decision on a workload read
    /// whole; list and watch items go without, so the views keep no labels of workloads.
    /// </summary>
    public WorkloadSnapshot WithLabels(WorkloadSnapshot snapshot, V1ObjectMeta? metadata) =>
        global.Scope.HasSelectors ? snapshot with { Labels = global.Scope.SelectorView(metadata?.Labels) } : snapshot;

    /// <summary>A snapshot from metadata alone (list and watch items): no replicas, no pod template, only Tarnfui's keys.</summary>
    public static WorkloadSnapshot Snapshot(WorkloadRef workload, V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new(workload, metadata.Uid ?? "", metadata.ResourceVersion ?? "", null, DecisiveMetadata.Of(metadata), OwnerWalk.IsOperatorOwned(metadata), PodResources.None)
        {
            Generation = metadata.Generation,
        };
    }

    // A workload read or written in full: also its count, what one replica requests, and the rollout revision that
    // the owner cache's exact copy of a Deployment records.
    private static WorkloadSnapshot Snapshot(WorkloadRef workload, V1ObjectMeta metadata, int replicas, PodTemplateRequests? template) =>
        new(workload,
            metadata.Uid ?? "",
            metadata.ResourceVersion ?? "",
            replicas,
            DecisiveMetadata.Of(metadata, revision: true),
            OwnerWalk.IsOperatorOwned(metadata),
            PodResources.Of(template?.Spec?.Containers?.Select(container => container.Resources?.Requests) ?? []))
        {
            Generation = metadata.Generation,
        };

    private static WorkloadSnapshot TemplatedSnapshot(WorkloadRef workload, TemplatedObject workloadObject) =>
        Snapshot(workload, workloadObject.Metadata, workloadObject.Spec?.Replicas ?? 1, workloadObject.Spec?.Template);
}
