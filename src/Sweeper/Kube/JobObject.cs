using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// A Job as the sweeper reads and patches it whole, through KubernetesClient's custom-object calls: its metadata,
/// <c>spec.suspend</c> and the conditions that say it finished. Its pod template is left unread, as a CronJob's is.
/// </summary>
internal sealed class JobObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public SuspendSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public JobConditionsStatus? Status { get; set; }
}

/// <summary>What the sweeper reads of a Job's status.</summary>
internal sealed class JobConditionsStatus
{
    [JsonPropertyName("conditions")]
    public IList<V1JobCondition>? Conditions { get; set; }
}
