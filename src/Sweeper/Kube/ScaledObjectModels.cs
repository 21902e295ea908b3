using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// A KEDA ScaledObject (<c>keda.sh/v1alpha1</c>) as the sweeper reads it: its metadata and the target its
/// <c>spec.scaleTargetRef</c> names. KubernetesClient has no model for it; these hold only what the sweeper reads.
/// </summary>
internal sealed class ScaledObjectResource : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ScaledObjectSpec? Spec { get; set; }
}

/// <summary>The part of a ScaledObject's spec the sweeper reads.</summary>
internal sealed class ScaledObjectSpec
{
    [JsonPropertyName("scaleTargetRef")]
    public ScaledObjectTargetRef? ScaleTargetRef { get; set; }
}

/// <summary>
/// The workload a ScaledObject scales. KEDA defaults an absent kind to <c>Deployment</c> and an absent apiVersion to
/// <c>apps/v1</c>.
/// </summary>
internal sealed class ScaledObjectTargetRef
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

/// <summary>A page of ScaledObjects.</summary>
internal sealed class ScaledObjectList : IKubernetesObject<V1ListMeta>, IItems<ScaledObjectResource>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<ScaledObjectResource> Items { get; set; } = [];
}
