using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Tarnfui.Emulator.Controllers;

/// <summary>
/// An Argo Rollout (<c>argoproj.io/v1alpha1</c>) as the emulated Rollout controller reads and writes it: the fields it
/// acts on are typed; every other one (the strategy, fields of a fuller CRD) rides along in the extension data, so
/// a status write puts back exactly what it read.
/// </summary>
public sealed class ArgoRollout : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "argoproj.io";
    public const string Version = "v1alpha1";
    public const string Plural = "rollouts";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{Group}/{Version}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Rollout";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ArgoRolloutSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public ArgoRolloutStatus? Status { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>What the controller reads of a Rollout's spec.</summary>
public sealed class ArgoRolloutSpec
{
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("selector")]
    public V1LabelSelector? Selector { get; set; }

    [JsonPropertyName("template")]
    public V1PodTemplateSpec? Template { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>
/// The part of Argo's RolloutStatus the emulator keeps current: counts, the current pod hash, and the selector the
/// CRD's scale subresource reads (<c>labelSelectorPath: .status.selector</c>).
/// </summary>
public sealed class ArgoRolloutStatus
{
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    /// <summary>The count the CRD's scale subresource reports (<c>statusReplicasPath: .status.HPAReplicas</c>).</summary>
    [JsonPropertyName("HPAReplicas")]
    public int? HpaReplicas { get; set; }

    [JsonPropertyName("updatedReplicas")]
    public int? UpdatedReplicas { get; set; }

    [JsonPropertyName("readyReplicas")]
    public int? ReadyReplicas { get; set; }

    [JsonPropertyName("availableReplicas")]
    public int? AvailableReplicas { get; set; }

    [JsonPropertyName("currentPodHash")]
    public string? CurrentPodHash { get; set; }

    [JsonPropertyName("observedGeneration")]
    public string? ObservedGeneration { get; set; }

    [JsonPropertyName("selector")]
    public string? Selector { get; set; }

    public override bool Equals(object? obj) =>
        obj is ArgoRolloutStatus other && (Replicas, HpaReplicas, UpdatedReplicas, ReadyReplicas, AvailableReplicas, CurrentPodHash, ObservedGeneration, Selector)
            == (other.Replicas, other.HpaReplicas, other.UpdatedReplicas, other.ReadyReplicas, other.AvailableReplicas, other.CurrentPodHash, other.ObservedGeneration, other.Selector);

    public override int GetHashCode() => HashCode.Combine(Replicas, ReadyReplicas, CurrentPodHash, ObservedGeneration);
}
