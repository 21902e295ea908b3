using System.Collections.Concurrent;
using Tarnfui.Core.Watching;

namespace Tarnfui.Webhook.Namespaces;

/// <summary>
/// The annotations of every namespace, read by every admission (many readers, lock-free). With a watch they are the
/// store of <see cref="NamespaceWatcher"/>'s reflector, its one writer; without one (<c>Webhook:WatchNamespaces</c>
/// false) they are what the host puts in (<see cref="Replace"/>, <see cref="Set"/>, <see cref="Remove"/>).
/// </summary>
internal sealed class NamespaceCache
{
    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = new Dictionary<string, string>();
    private volatile ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _hostFed = new(StringComparer.Ordinal);
    private volatile bool _hostSynced;
    private volatile Store<IReadOnlyDictionary<string, string>>? _watched;

    /// <summary>True once a full list has been stored: readiness waits for it.</summary>
    public bool HasSynced => _watched?.HasSynced ?? _hostSynced;

    /// <summary>The namespace's annotations; null when it has none or is not known (yet).</summary>
    public IReadOnlyDictionary<string, string>? Get(string @namespace) => Annotations(@namespace) is { Count: > 0 } annotations ? annotations : null;

    /// <summary>Whether the namespace is in the cache, annotated or not.</summary>
    public bool Knows(string @namespace) => Annotations(@namespace) is not null;

    /// <summary>Replaces the whole content with a fresh list; namespaces missing from it are forgotten.</summary>
    public void Replace(IEnumerable<KeyValuePair<string, IDictionary<string, string>?>> namespaces)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        ThrowIfWatched();
        var fresh = new ConcurrentDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (name, annotations) in namespaces)
        {
            fresh[name] = Copy(annotations);
        }

        _hostFed = fresh;
        _hostSynced = true;
    }

    public void Set(string @namespace, IDictionary<string, string>? annotations)
    {
        ThrowIfWatched();
        _hostFed[@namespace] = Copy(annotations);
    }

    public void Remove(string @namespace)
    {
        ThrowIfWatched();
        _hostFed.TryRemove(@namespace, out _);
    }

    /// <summary>What is kept of a namespace's annotations: all of them, copied (none: one shared empty map).</summary>
    internal static IReadOnlyDictionary<string, string> Copy(IDictionary<string, string>? annotations) =>
        annotations is null || annotations.Count == 0 ? NoAnnotations : new Dictionary<string, string>(annotations, StringComparer.Ordinal);

    /// <summary>Reads from the watch's store from now on; the host no longer writes.</summary>
    internal void Follow(Store<IReadOnlyDictionary<string, string>> store) => _watched = store;

    private IReadOnlyDictionary<string, string>? Annotations(string @namespace) =>
        _watched is { } store ? store.Get(ObjectKey.Of(null, @namespace)) : _hostFed.GetValueOrDefault(@namespace);

    private void ThrowIfWatched()
    {
        if (_watched is not null)
        {
            throw new InvalidOperationException("The namespace cache is kept by its watch; only a host without one writes to it.");
        }
    }
}
