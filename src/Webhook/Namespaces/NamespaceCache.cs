using System.Collections.Concurrent;

namespace Tarnfui.Webhook.Namespaces;

/// <summary>
/// The annotations of every namespace, kept by <see cref="NamespaceWatcher"/> (the one writer) and read by every
/// admission (many readers, lock-free).
/// </summary>
public sealed class NamespaceCache
{
    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = new Dictionary<string, string>();
    private volatile ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _annotations = new(StringComparer.Ordinal);
    private volatile bool _synced;

    /// <summary>True once a full list has been stored: readiness waits for it.</summary>
    public bool HasSynced => _synced;

    /// <summary>The namespace's annotations; null when it has none or is not known (yet).</summary>
    public IReadOnlyDictionary<string, string>? Get(string @namespace) =>
        _annotations.TryGetValue(@namespace, out var annotations) && annotations.Count > 0 ? annotations : null;

    /// <summary>Whether the namespace is in the cache, annotated or not.</summary>
    public bool Knows(string @namespace) => _annotations.ContainsKey(@namespace);

    /// <summary>Replaces the whole content with a fresh list; namespaces missing from it are forgotten.</summary>
    public void Replace(IEnumerable<KeyValuePair<string, IDictionary<string, string>?>> namespaces)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        var fresh = new ConcurrentDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (name, annotations) in namespaces)
        {
            fresh[name] = Copy(annotations);
        }

        _annotations = fresh;
        _synced = true;
    }

    public void Set(string @namespace, IDictionary<string, string>? annotations) => _annotations[@namespace] = Copy(annotations);

    public void Remove(string @namespace) => _annotations.TryRemove(@namespace, out _);

    private static IReadOnlyDictionary<string, string> Copy(IDictionary<string, string>? annotations) =>
        annotations is null || annotations.Count == 0 ? NoAnnotations : new Dictionary<string, string>(annotations, StringComparer.Ordinal);
}
