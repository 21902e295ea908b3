using System.Text.Json.Nodes;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>
/// What an admission step is told about a write, shaped after an AdmissionReview request: operation
/// (CREATE/UPDATE/DELETE), the resource and subresource addressed, the kind of the object sent (autoscaling/v1
/// Scale for <c>/scale</c>), namespace, name, the new and old object, the caller and dryRun.
/// </summary>
public sealed record AdmissionAttributes(
    string Operation,
    ResourceType Resource,
    string? Subresource,
    string KindGroup,
    string KindVersion,
    string Kind,
    string? Namespace,
    string Name,
    JsonObject? NewObject,
    JsonObject? OldObject,
    UserInfo UserInfo,
    bool DryRun)
{
    public const string Create = "CREATE";
    public const string Update = "UPDATE";
    public const string Delete = "DELETE";
}
