using k8s.Models;

namespace Tarnfui.Sweeper.Kube;

/// <summary>One page of a metadata-only LIST: the items' metadata, the token of the next page and the list's resourceVersion.</summary>
internal sealed record MetadataPage(IReadOnlyList<V1ObjectMeta> Items, string? Continue, string? ResourceVersion);
