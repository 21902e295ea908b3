using System.Text.Json.Serialization;

namespace Tarnfui.Webhook.Admission;

// admission.k8s.io/v1 AdmissionReview, written by hand because KubernetesClient has none. Only what the
// decision reads is decoded; everything else in the body is skipped, which keeps decoding cheap.

/// <summary>The envelope the API server posts and expects back.</summary>
internal sealed class AdmissionReview
{
    public const string ApiVersionV1 = "admission.k8s.io/v1";
    public const string KindName = "AdmissionReview";

    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public AdmissionRequest? Request { get; set; }

    public AdmissionResponse? Response { get; set; }
}

/// <summary>What is being admitted. <see cref="NewObject"/> is a workload, or an autoscaling/v1 Scale for <c>/scale</c>.</summary>
internal sealed class AdmissionRequest
{
    public string? Uid { get; set; }

    public GroupVersionResource? Resource { get; set; }

    public string? SubResource { get; set; }

    public string? Name { get; set; }

    public string? Namespace { get; set; }

    /// <summary><c>CREATE</c>, <c>UPDATE</c>, <c>DELETE</c> or <c>CONNECT</c>.</summary>
    public string? Operation { get; set; }

    public UserInfo? UserInfo { get; set; }

    [JsonPropertyName("object")]
    public KubeObject? NewObject { get; set; }

    public KubeObject? OldObject { get; set; }

    public bool? DryRun { get; set; }
}

/// <summary>The resource as the request names it: its group and plural name say which kind it is (the version does not).</summary>
internal sealed class GroupVersionResource
{
    public string? Group { get; set; }

    public string? Resource { get; set; }
}

/// <summary>Who asked: the decision tells the sweeper's own writes by its user name.</summary>
internal sealed class UserInfo
{
    public string? Username { get; set; }
}

/// <summary>The parts of a Deployment, StatefulSet, CronJob or Scale the decision reads.</summary>
internal sealed class KubeObject
{
    public ObjectMetadata? Metadata { get; set; }

    public WorkloadSpec? Spec { get; set; }
}

internal sealed class ObjectMetadata
{
    public string? Name { get; set; }

    public string? GenerateName { get; set; }

    /// <summary>The annotations a decision or a patch reads (<see cref="ReviewJson.DecisiveMap"/>); empty, not null, when the object has others only.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; set; }

    /// <summary>The labels, as the reader keeps them (<see cref="CompactMap"/>).</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; set; }

    public List<OwnerReference>? OwnerReferences { get; set; }
}

/// <summary>An owner, as far as the decision reads it: whether it is the controller (an operator manages the replicas).</summary>
internal sealed class OwnerReference
{
    public bool? Controller { get; set; }
}

internal sealed class WorkloadSpec
{
    public int? Replicas { get; set; }

    /// <summary>A CronJob's <c>spec.suspend</c>; absent before defaulting means false.</summary>
    public bool? Suspend { get; set; }
}

/// <summary>The answer. <see cref="Patch"/> is the RFC 6902 document, written as base64.</summary>
internal sealed class AdmissionResponse
{
    public string Uid { get; set; } = string.Empty;

    public bool Allowed { get; set; }

    public string? PatchType { get; set; }

    [JsonPropertyName("patch")]
    public PatchDocument? Patch { get; set; }

    public AdmissionStatus? Status { get; set; }

    public AnswerWarnings? Warnings { get; set; }
}

internal sealed class AdmissionStatus
{
    public int Code { get; set; }

    public string? Message { get; set; }

    public string? Reason { get; set; }
}
