using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Tarnfui.Cli.Dashboard.Model;

/// <summary>
/// <c>meta.k8s.io/v1</c> PartialObjectMetadata: what the API server sends for any resource when asked for metadata
/// only. The client library has no model of it; the dashboard reads custom resources (Argo Rollouts) this way.
/// </summary>
internal sealed class PartialObjectMetadata : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();
}

/// <summary><c>meta.k8s.io/v1</c> PartialObjectMetadataList: a page of <see cref="PartialObjectMetadata"/>.</summary>
internal sealed class PartialObjectMetadataList : IKubernetesObject<V1ListMeta>, IItems<PartialObjectMetadata>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<PartialObjectMetadata> Items { get; set; } = [];
}
