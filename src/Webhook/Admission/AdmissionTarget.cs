using Tarnfui.Core.Policy;

namespace Tarnfui.Webhook.Admission;

/// <summary>The workload a request is about, and whether it goes through the <c>/scale</c> subresource.</summary>
internal sealed record AdmissionTarget(WorkloadRef Workload, bool Scale)
{
    public const string Create = "CREATE";
    public const string Update = "UPDATE";
    public const string ScaleSubresource = "scale";

    /// <summary>The target, or null for a request about anything else (the webhook then allows it untouched).</summary>
    public static AdmissionTarget? Of(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Resource is not { } resource || string.IsNullOrEmpty(request.Namespace))
        {
            return null;
        }

        var kind = WorkloadKind.FindByResource(resource.Group, resource.Resource);
        var scale = string.Equals(request.SubResource, ScaleSubresource, StringComparison.Ordinal);
        // Counts are held on the main resource and on /scale; spec.suspend (a CronJob) only on the main resource.
        if (kind is null || (scale ? kind.Stop != StopMethod.Replicas : !string.IsNullOrEmpty(request.SubResource)))
        {
            return null;
        }

        // On CREATE with generateName the API server has not picked the name yet.
        var name = request.Name is { Length: > 0 } n ? n : request.NewObject?.Metadata?.Name ?? request.NewObject?.Metadata?.GenerateName ?? string.Empty;
        return new AdmissionTarget(new WorkloadRef(kind, request.Namespace, name), scale);
    }

    /// <summary>Whether the target's own ownerReferences name a controller (an operator manages its replicas).</summary>
    public static bool IsOperatorOwned(ObjectMetadata? metadata) =>
        metadata?.OwnerReferences?.Any(o => o.Controller == true) == true;
}
