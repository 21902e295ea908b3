using k8s.Models;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Watching;
using Tarnfui.Sweeper.Kube;

namespace Tarnfui.Sweeper.Watching;

/// <summary>
/// Where the sweeper lists and watches: the whole cluster, or each namespace of <c>Scope:Namespaces</c> in turn, so
/// that it can run with Roles in those namespaces only. The choice is made here, once, from the configuration: the
/// calls of <see cref="KubeApi"/> take the namespace to read (null: all of them) and know nothing of the mode.
/// </summary>
internal sealed class ReadScope(GlobalPolicy global)
{
    private readonly string[]? _namespaces = global.Scope.IsNamespaced ? [.. global.Scope.Namespaces.Order(StringComparer.Ordinal)] : null;

    /// <summary>The namespaces read one by one, or null when the sweeper reads the whole cluster.</summary>
    public IReadOnlyList<string>? Namespaces => _namespaces;

    /// <summary>
    /// Whether the stop pass walks the pods of <paramref name="namespace"/>: in scope and not excluded. The server already
    /// left out the namespaces excluded by name (a field selector); one matched by a glob is left out here, before its
    /// pods cost an owner lookup.
    /// </summary>
    public bool Walks(string? @namespace) =>
        @namespace is not null && global.Scope.InScope(@namespace) && global.Scope.ExcludedBy(@namespace) is null;

    /// <summary>The list and watch <paramref name="make"/> gives for all namespaces (null), or for each one, combined.</summary>
    public ListWatch<T> ListWatch<T>(Func<string?, ListWatch<T>> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        return _namespaces is null ? make(null) : NamespacedListWatch.Combine(_namespaces, ns => make(ns));
    }

    /// <summary>The next page of a list, cluster-wide or through each namespace in turn; the token is the page's own.</summary>
    public async Task<MetadataPage> PageAsync(Func<string?, string?, CancellationToken, Task<MetadataPage>> list, string? continueToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (_namespaces is not { } namespaces)
        {
            return await list(null, continueToken, cancellationToken);
        }

        var (page, _) = await NamespacedPages.NextAsync(
            namespaces.Length,
            continueToken,
            async (index, token, ct) =>
            {
                var inner = await list(namespaces[index], token, ct);
                return new ListPage<V1ObjectMeta>(inner.Items, inner.Continue, inner.ResourceVersion);
            },
            cancellationToken);
        return new MetadataPage(page.Items, page.Continue, page.ResourceVersion);
    }
}
