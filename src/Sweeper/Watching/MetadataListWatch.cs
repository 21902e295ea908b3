using k8s;
using k8s.Models;
using Tarnfui.Core.Watching;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Watching;

/// <summary>The sweeper's metadata-only LIST and WATCH calls (<see cref="KubeApi"/>) as the reflector's <see cref="ListWatch{TRaw}"/>.</summary>
internal static class MetadataListWatch
{
    /// <param name="list">One page of the list.</param>
    /// <param name="watch">The watch from a resourceVersion, or null when the sweeper does not watch (<c>Sweeper:Watch</c>).</param>
    public static ListWatch<V1ObjectMeta> Of(
        Func<string?, CancellationToken, Task<MetadataPage>> list,
        Func<string, Action, CancellationToken, IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)>>? watch) => new()
        {
            List = async (continueToken, cancellationToken) =>
            {
                var page = await list(continueToken, cancellationToken);
                return new ListPage<V1ObjectMeta>(page.Items, page.Continue, page.ResourceVersion);
            },
            Watch = watch is null ? null : (version, connected, cancellationToken) => Changes(watch(version, connected, cancellationToken)),
            Key = Key,
            Version = metadata => metadata.ResourceVersion,
            IsExpired = e => e is KubernetesException { Status.Code: 410 },
        };

    // The namespace becomes the shared instance (SharedStrings) before the key and the kept item take it, so that
    // thousands of entries of one namespace hold one string.
    private static ObjectKey Key(V1ObjectMeta item)
    {
        item.NamespaceProperty = SharedStrings.ShareOrNull(item.NamespaceProperty);
        return ObjectKey.Of(item.NamespaceProperty, item.Name);
    }

    private static async IAsyncEnumerable<WatchChange<V1ObjectMeta>> Changes(IAsyncEnumerable<(WatchEventType Type, V1ObjectMeta Metadata)> events)
    {
        await foreach (var (type, metadata) in events)
        {
            if (metadata is null)
            {
                continue;
            }

            yield return new(ChangeOf(type), metadata);
        }
    }

    /// <summary>The reflector's change of a watch event type; an ERROR never gets here (the watch ends on it).</summary>
    public static ChangeType ChangeOf(WatchEventType type) => type switch
    {
        WatchEventType.Added => ChangeType.Added,
        WatchEventType.Modified => ChangeType.Modified,
        WatchEventType.Deleted => ChangeType.Deleted,
        WatchEventType.Bookmark => ChangeType.Bookmark,
        _ => throw new InvalidDataException($"The watch sent an {type} event."),
    };
}
