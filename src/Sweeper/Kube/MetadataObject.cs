using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// An object of any kind as a metadata-only list or watch answers it (<c>PartialObjectMetadata</c>): its metadata and
/// nothing else. One model for every kind listed that way, built in or custom.
/// </summary>
internal sealed class MetadataObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();
}

/// <summary>A metadata-only list (<c>PartialObjectMetadataList</c>) of any kind.</summary>
internal sealed class MetadataObjectList : IKubernetesObject<V1ListMeta>, IItems<MetadataObject>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<MetadataObject> Items { get; set; } = [];
}
