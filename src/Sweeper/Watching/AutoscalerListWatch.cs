using k8s;
using k8s.Models;
using Tarnfui.Core.Watching;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Watching;

/// <summary>The sweeper's LIST and WATCH of every HorizontalPodAutoscaler (<see cref="KubeApi"/>) as the reflector's <see cref="ListWatch{TRaw}"/>.</summary>
internal static class AutoscalerListWatch
{
    /// <param name="api">The calls.</param>
    /// <param name="watch">Whether the sweeper watches (<c>Sweeper:Watch</c>); without, the view is listed each sweep.</param>
    public static ListWatch<V2HorizontalPodAutoscaler> Of(KubeApi api, bool watch) => new()
    {
        List = async (continueToken, cancellationToken) =>
        {
            var page = await api.ListAutoscalersAsync(continueToken, cancellationToken);
            return new ListPage<V2HorizontalPodAutoscaler>([.. page.Items], page.Continue, page.ResourceVersion);
        },
        Watch = watch ? (version, connected, cancellationToken) => Changes(api.WatchAutoscalersAsync(version, connected, cancellationToken)) : null,
        Key = autoscaler => ObjectKey.Of(SharedStrings.ShareOrNull(autoscaler.Metadata?.NamespaceProperty), autoscaler.Metadata?.Name ?? ""),
        Version = autoscaler => autoscaler.Metadata?.ResourceVersion,
        IsExpired = e => e is KubernetesException { Status.Code: 410 },
    };

    private static async IAsyncEnumerable<WatchChange<V2HorizontalPodAutoscaler>> Changes(IAsyncEnumerable<(WatchEventType Type, V2HorizontalPodAutoscaler Autoscaler)> events)
    {
        await foreach (var (type, autoscaler) in events)
        {
            if (autoscaler?.Metadata is null)
            {
                continue;
            }

            yield return new(MetadataListWatch.ChangeOf(type), autoscaler);
        }
    }
}
