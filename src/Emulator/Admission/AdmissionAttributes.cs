using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Admission;

/// <summary>Group, version and resource of a request, as in an AdmissionReview's <c>resource</c>.</summary>
public sealed record GroupVersionResource(string Group, string Version, string Resource);

/// <summary>Group, version and kind of an object, as in an AdmissionReview's <c>kind</c>.</summary>
public sealed record GroupVersionKind(string Group, string Version, string Kind);

/// <summary>
/// What admission is told about a write, from the API handler that received it to the webhook that is called:
/// the facts kube-apiserver's <c>admission.Attributes</c> carries and its AdmissionReview requests send. For
/// <c>/scale</c>, <see cref="Kind"/> is <c>autoscaling/v1 Scale</c> and <see cref="NewObject"/> the Scale, while
/// <see cref="Resource"/> stays <c>apps/v1 deployments</c> with <see cref="SubResource"/> <c>scale</c>.
/// </summary>
public sealed record AdmissionAttributes
{
    public const string Create = "CREATE";
    public const string Update = "UPDATE";
    public const string Delete = "DELETE";

    public required string Operation { get; init; }
    public required GroupVersionResource Resource { get; init; }
    public string SubResource { get; init; } = "";
    public required GroupVersionKind Kind { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    public JsonNode? NewObject { get; init; }
    public JsonNode? OldObject { get; init; }
    public required UserInfo User { get; init; }
    public bool DryRun { get; init; }

    /// <summary><c>meta.k8s.io/v1</c> CreateOptions, UpdateOptions, PatchOptions or DeleteOptions of the call.</summary>
    public JsonNode? Options { get; init; }
}
