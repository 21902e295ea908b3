using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// An Argo Rollout (<c>argoproj.io/v1alpha1</c>) as the sweeper reads it through KubernetesClient's custom-object
/// calls: its metadata, <c>spec.replicas</c> and what its pod template requests, the fields a Deployment's decisions read. KubernetesClient
/// has no model for it; every other field is left unread (the sweeper writes with JSON Patch, never the whole object).
/// </summary>
internal sealed class RolloutObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public RolloutSpec? Spec { get; set; }
}

/// <summary>What the sweeper reads of a Rollout's spec.</summary>
internal sealed class RolloutSpec
{
    /// <summary>Absent means 1, as for a Deployment (the CRD's documentation: "Defaults to 1").</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("template")]
    public PodTemplateRequests? Template { get; set; }
}

/// <summary>A list of Rollouts, whole or (with the metadata Accept header) metadata only.</summary>
internal sealed class RolloutList : IKubernetesObject<V1ListMeta>, IItems<RolloutObject>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<RolloutObject> Items { get; set; } = [];
}
