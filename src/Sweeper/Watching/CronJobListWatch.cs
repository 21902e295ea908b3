using k8s;
using k8s.Models;
using Tarnfui.Core.Watching;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Watching;

/// <summary>The sweeper's LIST and WATCH of every CronJob (<see cref="KubeApi"/>) as the reflector's <see cref="ListWatch{TRaw}"/>.</summary>
internal static class CronJobListWatch
{
    /// <param name="api">The calls.</param>
    /// <param name="watch">Whether the sweeper watches (<c>Sweeper:Watch</c>); without, the view is listed each sweep.</param>
    public static ListWatch<V1CronJob> Of(KubeApi api, bool watch) => new()
    {
        List = async (continueToken, cancellationToken) =>
        {
            var page = await api.ListCronJobsAsync(continueToken, cancellationToken);
            return new ListPage<V1CronJob>([.. page.Items], page.Continue, page.ResourceVersion);
        },
        Watch = watch ? (version, connected, cancellationToken) => Changes(api.WatchCronJobsAsync(version, connected, cancellationToken)) : null,
        Key = cronJob => ObjectKey.Of(SharedStrings.ShareOrNull(cronJob.Metadata?.NamespaceProperty), cronJob.Metadata?.Name ?? ""),
        Version = cronJob => cronJob.Metadata?.ResourceVersion,
        IsExpired = e => e is KubernetesException { Status.Code: 410 },
    };

    private static async IAsyncEnumerable<WatchChange<V1CronJob>> Changes(IAsyncEnumerable<(WatchEventType Type, V1CronJob CronJob)> events)
    {
        await foreach (var (type, cronJob) in events)
        {
            if (cronJob?.Metadata is null)
            {
                continue;
            }

            yield return new(MetadataListWatch.ChangeOf(type), cronJob);
        }
    }
}
