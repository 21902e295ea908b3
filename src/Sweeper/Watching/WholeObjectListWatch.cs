using k8s;
using k8s.Models;
using Tarnfui.Core.Watching;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Watching;

/// <summary>
/// The sweeper's LIST and WATCH of every object of a kind it reads whole (<see cref="KubeApi"/>), as the reflector's
/// <see cref="ListWatch{TRaw}"/>: CronJobs, HorizontalPodAutoscalers and KEDA ScaledObjects, whose decisive fields are in their spec, so a
/// metadata-only list cannot carry them. Such kinds are few in a cluster, and the view's transform keeps little of each.
/// </summary>
internal static class WholeObjectListWatch
{
    /// <summary>Every CronJob of <paramref name="namespace"/> (null: all namespaces).</summary>
    /// <param name="api">The calls.</param>
    /// <param name="namespace">The namespace, or null for all of them.</param>
    /// <param name="watch">Whether the sweeper watches (<c>Sweeper:Watch</c>); without, the view is listed each sweep.</param>
    public static ListWatch<CronJobObject> CronJobs(KubeApi api, string? @namespace, bool watch) => Of(
        async (continueToken, cancellationToken) =>
        {
            var page = await api.ListCronJobsAsync(@namespace, continueToken, cancellationToken);
            return new ListPage<CronJobObject>([.. page.Items], page.Continue, page.ResourceVersion);
        },
        watch ? (version, connected, cancellationToken) => api.WatchCronJobsAsync(@namespace, version, connected, cancellationToken) : null);

    /// <summary>Every HorizontalPodAutoscaler of <paramref name="namespace"/> (null: all namespaces).</summary>
    /// <param name="api">The calls.</param>
    /// <param name="namespace">The namespace, or null for all of them.</param>
    /// <param name="watch">Whether the sweeper watches (<c>Sweeper:Watch</c>); without, the view is listed each sweep.</param>
    public static ListWatch<V2HorizontalPodAutoscaler> Autoscalers(KubeApi api, string? @namespace, bool watch) => Of(
        async (continueToken, cancellationToken) =>
        {
            var page = await api.ListAutoscalersAsync(@namespace, continueToken, cancellationToken);
            return new ListPage<V2HorizontalPodAutoscaler>([.. page.Items], page.Continue, page.ResourceVersion);
        },
        watch ? (version, connected, cancellationToken) => api.WatchAutoscalersAsync(@namespace, version, connected, cancellationToken) : null);

    /// <summary>Every KEDA ScaledObject (only while the cluster serves them: <see cref="ScaledObjectView"/>).</summary>
    /// <param name="api">The calls.</param>
    /// <param name="namespace">The one namespace read (a namespaced install), or null for all of them.</param>
    /// <param name="watch">Whether the sweeper watches (<c>Sweeper:Watch</c>); without, the view is listed each sweep.</param>
    public static ListWatch<ScaledObjectResource> ScaledObjects(KubeApi api, string? @namespace, bool watch) => Of(
        async (continueToken, cancellationToken) =>
        {
            var page = await api.ListScaledObjectsAsync(@namespace, continueToken, cancellationToken);
            return new ListPage<ScaledObjectResource>([.. page.Items], page.Metadata?.ContinueProperty, page.Metadata?.ResourceVersion);
        },
        watch ? (version, connected, cancellationToken) => api.WatchScaledObjectsAsync(@namespace, version, connected, cancellationToken) : null);

    private static ListWatch<T> Of<T>(
        Func<string?, CancellationToken, Task<ListPage<T>>> list,
        Func<string, Action, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Item)>>? watch)
        where T : class, IKubernetesObject<V1ObjectMeta> => new()
        {
            List = list,
            Watch = watch is null ? null : (version, connected, cancellationToken) => Changes(watch(version, connected, cancellationToken)),
            Key = item => ObjectKey.Of(SharedStrings.ShareOrNull(item.Metadata?.NamespaceProperty), item.Metadata?.Name ?? ""),
            Version = item => item.Metadata?.ResourceVersion,
            IsExpired = e => e is KubernetesException { Status.Code: 410 },
        };

    private static async IAsyncEnumerable<WatchChange<T>> Changes<T>(IAsyncEnumerable<(WatchEventType Type, T Item)> events)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        await foreach (var (type, item) in events)
        {
            if (item?.Metadata is null)
            {
                continue;
            }

            yield return new(MetadataListWatch.ChangeOf(type), item);
        }
    }
}
