using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// A Deployment, StatefulSet or Argo Rollout (<c>argoproj.io/v1alpha1</c>, which KubernetesClient has no model for) as
/// the sweeper reads and patches it whole, through KubernetesClient's custom-object calls (the path of a kind is the
/// same whether it is built in or not): its metadata, <c>spec.replicas</c> and what its pod template requests. Every other field is left unread; the sweeper writes with JSON Patch, never the whole
/// object, so nothing it does not read is ever written back.
/// </summary>
internal sealed class TemplatedObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TemplatedSpec? Spec { get; set; }
}

/// <summary>What the sweeper reads of a Deployment's, StatefulSet's or Rollout's spec.</summary>
internal sealed class TemplatedSpec
{
    /// <summary>Absent means 1: the API server's default for Deployments and StatefulSets, and the Rollout CRD's.</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("template")]
    public PodTemplateRequests? Template { get; set; }
}
