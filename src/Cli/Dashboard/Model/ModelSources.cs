using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Watching;

namespace Tarnfui.Cli.Dashboard.Model;

/// <summary>
/// The LIST and WATCH calls the dashboard's model is kept with, as Core's <see cref="ListWatch{TRaw}"/>: the same
/// reads as <c>status</c> (the namespaces and held Rollouts as metadata; the held Deployments and StatefulSets whole for
/// their requests; CronJobs and held Jobs whole), each list followed by a watch from its resourceVersion.
/// </summary>
internal static class ModelSources
{
    internal const int PageSize = 500;

    // kube-apiserver closes a watch after its timeout; the reflector resumes it from the last version seen.
    internal const int WatchTimeoutSeconds = 300;

    private static readonly Dictionary<string, IReadOnlyList<string>> MetadataOnly = new(StringComparer.Ordinal)
    {
        ["Accept"] = [WellKnown.MetadataListAccept],
    };

    /// <summary>The namespaces in scope (<paramref name="only"/>: that one, by a field selector), metadata only.</summary>
    public static ListWatch<V1ObjectMeta> Namespaces(IKubernetes client, string? only)
    {
        var field = only is null ? null : $"metadata.name={only}";
        return new()
        {
            List = async (continueToken, cancellationToken) =>
            {
                using var response = await client.CoreV1.ListNamespaceWithHttpMessagesAsync(
                    continueParameter: continueToken, fieldSelector: field, limit: PageSize, customHeaders: MetadataOnly, cancellationToken: cancellationToken);
                return new ListPage<V1ObjectMeta>([.. response.Body.Items.Select(n => n.Metadata)], response.Body.Metadata?.ContinueProperty, response.Body.Metadata?.ResourceVersion);
            },
            Watch = (version, connected, cancellationToken) => Changes(
                client.CoreV1.ListNamespaceWithHttpMessagesAsync(
                    allowWatchBookmarks: true, fieldSelector: field, resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, watch: true, customHeaders: MetadataOnly, cancellationToken: cancellationToken),
                (V1Namespace n) => n.Metadata,
                connected,
                cancellationToken),
            Key = metadata => ObjectKey.Of(null, metadata.Name),
            Version = metadata => metadata.ResourceVersion,
            IsExpired = IsExpired,
        };
    }

    /// <summary>Deployments or StatefulSets that carry the stopped label, whole: held workloads are few, and their pod templates carry the requests saved.</summary>
    public static ListWatch<HeldWorkload> Held(IKubernetes client, WorkloadKind kind, string? @namespace)
    {
        var selector = WellKnown.Labels.StoppedSelector;
        if (kind == WorkloadKind.Deployment)
        {
            return Of(
                (token, ct) => @namespace is null
                    ? client.AppsV1.ListDeploymentForAllNamespacesWithHttpMessagesAsync(continueParameter: token, labelSelector: selector, limit: PageSize, cancellationToken: ct)
                    : client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(@namespace, continueParameter: token, labelSelector: selector, limit: PageSize, cancellationToken: ct),
                (version, ct) => @namespace is null
                    ? client.AppsV1.ListDeploymentForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, watch: true, cancellationToken: ct)
                    : client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(@namespace, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, watch: true, cancellationToken: ct),
                (V1DeploymentList list) => (list.Items.Select(HeldWorkload.Of), list.Metadata),
                (V1Deployment d) => HeldWorkload.Of(d),
                h => h.Workload);
        }

        if (kind == WorkloadKind.StatefulSet)
        {
            return Of(
                (token, ct) => @namespace is null
                    ? client.AppsV1.ListStatefulSetForAllNamespacesWithHttpMessagesAsync(continueParameter: token, labelSelector: selector, limit: PageSize, cancellationToken: ct)
                    : client.AppsV1.ListNamespacedStatefulSetWithHttpMessagesAsync(@namespace, continueParameter: token, labelSelector: selector, limit: PageSize, cancellationToken: ct),
                (version, ct) => @namespace is null
                    ? client.AppsV1.ListStatefulSetForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, watch: true, cancellationToken: ct)
                    : client.AppsV1.ListNamespacedStatefulSetWithHttpMessagesAsync(@namespace, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, watch: true, cancellationToken: ct),
                (V1StatefulSetList list) => (list.Items.Select(HeldWorkload.Of), list.Metadata),
                (V1StatefulSet s) => HeldWorkload.Of(s),
                h => h.Workload);
        }

        throw WorkloadKind.NotHandled(kind, nameof(Held));
    }

    /// <summary>
    /// Argo Rollouts that carry the stopped label, metadata only, through the custom-object API. A cluster without the
    /// CRD answers 404, which the model reads as none (as status does) and asks again after its backoff.
    /// </summary>
    public static ListWatch<HeldWorkload> HeldRollouts(IKubernetes client, string? @namespace)
    {
        var kind = WorkloadKind.Rollout;
        var selector = WellKnown.Labels.StoppedSelector;
        return Of(
            (token, ct) => @namespace is null
                ? client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<PartialObjectMetadataList>(
                    kind.Group, kind.Version, kind.Plural, continueParameter: token, labelSelector: selector, limit: PageSize, customHeaders: MetadataOnly, cancellationToken: ct)
                : client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<PartialObjectMetadataList>(
                    kind.Group, kind.Version, @namespace, kind.Plural, continueParameter: token, labelSelector: selector, limit: PageSize, customHeaders: MetadataOnly, cancellationToken: ct),
            (version, ct) => @namespace is null
                ? client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<PartialObjectMetadataList>(
                    kind.Group, kind.Version, kind.Plural, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, watch: true, customHeaders: MetadataOnly, cancellationToken: ct)
                : client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<PartialObjectMetadataList>(
                    kind.Group, kind.Version, @namespace, kind.Plural, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, watch: true, customHeaders: MetadataOnly, cancellationToken: ct),
            (PartialObjectMetadataList list) => (list.Items.Select(r => new HeldWorkload(WorkloadReader.From(kind, r.Metadata, replicas: null), null)), list.Metadata),
            (PartialObjectMetadata r) => new HeldWorkload(WorkloadReader.From(kind, r.Metadata, replicas: null), null),
            h => h.Workload);
    }

    /// <summary>Every CronJob in scope, whole (spec.suspend is not in the metadata).</summary>
    public static ListWatch<Workload> CronJobs(IKubernetes client, string? @namespace) => Of(
        (token, ct) => @namespace is null
            ? client.BatchV1.ListCronJobForAllNamespacesWithHttpMessagesAsync(continueParameter: token, limit: PageSize, cancellationToken: ct)
            : client.BatchV1.ListNamespacedCronJobWithHttpMessagesAsync(@namespace, continueParameter: token, limit: PageSize, cancellationToken: ct),
        (version, ct) => @namespace is null
            ? client.BatchV1.ListCronJobForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: true, resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, watch: true, cancellationToken: ct)
            : client.BatchV1.ListNamespacedCronJobWithHttpMessagesAsync(@namespace, allowWatchBookmarks: true, resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, watch: true, cancellationToken: ct),
        (V1CronJobList list) => (list.Items.Select(WorkloadReader.From), list.Metadata),
        (V1CronJob c) => WorkloadReader.From(c),
        w => w);

    /// <summary>The Jobs that carry the stopped label, whole (spec.suspend, the finished conditions).</summary>
    public static ListWatch<Workload> HeldJobs(IKubernetes client, string? @namespace)
    {
        var selector = WellKnown.Labels.StoppedSelector;
        return Of(
            (token, ct) => @namespace is null
                ? client.BatchV1.ListJobForAllNamespacesWithHttpMessagesAsync(continueParameter: token, labelSelector: selector, limit: PageSize, cancellationToken: ct)
                : client.BatchV1.ListNamespacedJobWithHttpMessagesAsync(@namespace, continueParameter: token, labelSelector: selector, limit: PageSize, cancellationToken: ct),
            (version, ct) => @namespace is null
                ? client.BatchV1.ListJobForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, watch: true, cancellationToken: ct)
                : client.BatchV1.ListNamespacedJobWithHttpMessagesAsync(@namespace, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, watch: true, cancellationToken: ct),
            (V1JobList list) => (list.Items.Select(WorkloadReader.From), list.Metadata),
            (V1Job j) => WorkloadReader.From(j),
            w => w);
    }

    internal static bool IsExpired(Exception e) =>
        e is KubernetesException { Status.Code: 410 } or HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.Gone };

    private static ListWatch<TKept> Of<TList, TItem, TKept>(
        Func<string?, CancellationToken, Task<HttpOperationResponse<TList>>> list,
        Func<string, CancellationToken, Task<HttpOperationResponse<TList>>> watch,
        Func<TList, (IEnumerable<TKept> Items, V1ListMeta? Metadata)> read,
        Func<TItem, TKept> item,
        Func<TKept, Workload> workload) => new()
        {
            List = async (continueToken, cancellationToken) =>
            {
                using var response = await list(continueToken, cancellationToken);
                var (items, metadata) = read(response.Body);
                return new ListPage<TKept>([.. items], metadata?.ContinueProperty, metadata?.ResourceVersion);
            },
            Watch = (version, connected, cancellationToken) => Changes(watch(version, cancellationToken), item, connected, cancellationToken),
            Key = k => ObjectKey.Of(workload(k).Ref.Namespace, workload(k).Ref.Name),
            Version = k => workload(k).ResourceVersion,
            IsExpired = IsExpired,
        };

    internal static async IAsyncEnumerable<WatchChange<TKept>> Changes<TList, TItem, TKept>(
        Task<HttpOperationResponse<TList>> request, Func<TItem, TKept?> keep, Action connected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var response = await request;
        connected();
#pragma warning disable CS0618 // the WatchAsync extension over a watch=true list response is the client's one way to read a stream it did not open itself
        // An ERROR event (a Status; 410 means "list again") and an event that cannot be read end the watch.
        var events = Task.FromResult(response).WatchAsync<TItem, TList>(onError: e => throw e, cancellationToken: cancellationToken);
#pragma warning restore CS0618
        await foreach (var (type, raw) in events)
        {
            if (raw is null || keep(raw) is not { } kept)
            {
                continue;
            }

            yield return new WatchChange<TKept>(
                type switch
                {
                    WatchEventType.Added => ChangeType.Added,
                    WatchEventType.Modified => ChangeType.Modified,
                    WatchEventType.Deleted => ChangeType.Deleted,
                    _ => ChangeType.Bookmark,
                },
                kept);
        }
    }
}
