using System.Text.Json.Serialization;
using k8s.Models;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// A workload's pod template as the sweeper reads it: each container's resource requests (<see cref="Planning.PodResources"/>)
/// and nothing else. KubernetesClient's <c>V1PodTemplateSpec</c> reaches every container, volume, probe and affinity
/// model, whose generated JSON metadata a native executable would carry for fields the sweeper never reads
/// (docs/benchmarks.md, "Sweeper memory: what the peak is made of"); the fields left out are skipped while reading.
/// </summary>
internal sealed class PodTemplateRequests
{
    [JsonPropertyName("spec")]
    public PodSpecRequests? Spec { get; set; }
}

/// <summary>What the sweeper reads of a pod template's spec: its containers (init containers request nothing while the pod runs).</summary>
internal sealed class PodSpecRequests
{
    [JsonPropertyName("containers")]
    public IList<ContainerRequests>? Containers { get; set; }
}

/// <summary>What the sweeper reads of a container: its resources.</summary>
internal sealed class ContainerRequests
{
    [JsonPropertyName("resources")]
    public V1ResourceRequirements? Resources { get; set; }
}
