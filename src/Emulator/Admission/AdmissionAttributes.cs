using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Admission;

/// <summary>Group, version and resource of a request, as in an AdmissionReview's <c>resource</c>.</summary>
public sealed record GroupVersionResource(string Group, string Version, string Resource);

/// <summary>Group, version and kind of an object, as in an AdmissionReview's <c>kind</c>.</summary>
public sealed record GroupVersionKind(string Group, string Version, string Kind);

/// <summary>The authenticated caller, as in an AdmissionReview's <c>userInfo</c>.</summary>
public sealed record AdmissionUser(string Username, IReadOnlyList<string> Groups, string? Uid = null);

/// <summary>
/// What the API layer knows about a write when it asks admission: the same facts the real server puts in
/// <c>admission.k8s.io/v1</c> AdmissionReview requests. For <c>/scale</c>, <see cref="Kind"/> is
/// <c>autoscaling/v1 Scale</c> and <see cref="NewObject"/> the Scale, while <see cref="Resource"/> stays
/// <c>apps/v1 deployments</c> with <see cref="SubResource"/> <c>scale</c>.
/// </summary>
public sealed record AdmissionAttributes
{
    public required string Operation { get; init; }
    public required GroupVersionResource Resource { get; init; }
    public string SubResource { get; init; } = "";
    public required GroupVersionKind Kind { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    public JsonNode? NewObject { get; init; }
    public JsonNode? OldObject { get; init; }
    public required AdmissionUser User { get; init; }
    public bool DryRun { get; init; }

    /// <summary><c>meta.k8s.io/v1</c> CreateOptions, UpdateOptions, PatchOptions or DeleteOptions of the call.</summary>
    public JsonNode? Options { get; init; }
}
