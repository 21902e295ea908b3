using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// A CronJob as the sweeper lists, watches, reads and patches it, through KubernetesClient's custom-object calls: its
/// metadata and <c>spec.suspend</c>, which is not in its metadata. Its job template is left unread (it reaches every
/// pod model, whose generated JSON metadata the native executable would otherwise carry).
/// </summary>
internal sealed class CronJobObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public SuspendSpec? Spec { get; set; }
}

/// <summary>A list of CronJobs, read whole.</summary>
internal sealed class CronJobObjectList : IKubernetesObject<V1ListMeta>, IItems<CronJobObject>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<CronJobObject> Items { get; set; } = [];
}

/// <summary>What the sweeper reads of a CronJob's or a Job's spec.</summary>
internal sealed class SuspendSpec
{
    /// <summary>Absent means false, the API server's default.</summary>
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; set; }
}
