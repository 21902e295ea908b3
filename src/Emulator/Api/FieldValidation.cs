using System.Text.Json.Nodes;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>
/// Server-side field validation (<c>?fieldValidation=Strict|Warn|Ignore</c>, Warn by default as since Kubernetes
/// 1.27) of the top level, <c>metadata</c> and, for the workload types, <c>spec</c>: unknown fields are a 400
/// <c>strict decoding error: unknown field "spec.replicaz"</c> under Strict and a Warning header under Warn.
/// </summary>
public static class FieldValidation
{
    private static readonly HashSet<string> Metadata =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    private static readonly HashSet<string> Workload = ["apiVersion", "kind", "metadata", "spec", "status"];

    private static readonly Dictionary<ResourceType, (HashSet<string> TopLevel, HashSet<string>? Spec)> Schemas = new()
    {
        [ResourceTypes.Namespaces] = (Workload, ["finalizers"]),
        [ResourceTypes.Pods] = (Workload, null),
        [ResourceTypes.ConfigMaps] = (["apiVersion", "kind", "metadata", "data", "binaryData", "immutable"], null),
        [ResourceTypes.Deployments] = (Workload,
            ["replicas", "selector", "template", "strategy", "minReadySeconds", "revisionHistoryLimit", "paused", "progressDeadlineSeconds"]),
        [ResourceTypes.StatefulSets] = (Workload,
        [
            "replicas", "selector", "template", "volumeClaimTemplates", "serviceName", "podManagementPolicy", "updateStrategy",
            "revisionHistoryLimit", "minReadySeconds", "persistentVolumeClaimRetentionPolicy", "ordinals",
        ]),
        [ResourceTypes.ReplicaSets] = (Workload, ["replicas", "minReadySeconds", "selector", "template"]),
        [ResourceTypes.DaemonSets] = (Workload, ["selector", "template", "updateStrategy", "minReadySeconds", "revisionHistoryLimit"]),
        [ResourceTypes.Jobs] = (Workload, null),
        [ResourceTypes.Leases] = (["apiVersion", "kind", "metadata", "spec"],
            ["holderIdentity", "leaseDurationSeconds", "acquireTime", "renewTime", "leaseTransitions", "strategy", "preferredHolder"]),
        [ResourceTypes.Events] = ([
            "apiVersion", "kind", "metadata", "eventTime", "series", "reportingController", "reportingInstance", "action", "reason",
            "regarding", "related", "note", "type", "deprecatedSource", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount",
        ], null),
        [ResourceTypes.CoreEvents] = ([
            "apiVersion", "kind", "metadata", "involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp", "count",
            "type", "eventTime", "series", "action", "related", "reportingComponent", "reportingInstance",
        ], null),
        [ResourceTypes.MutatingWebhookConfigurations] = (["apiVersion", "kind", "metadata", "webhooks"], null),
    };

    /// <summary>Checks <paramref name="obj"/>; throws under Strict, adds Warning headers under Warn.</summary>
    public static void Check(HttpResponse response, RequestOptions options, ResourceType type, JsonObject obj)
    {
        if (options.FieldValidation == "Ignore")
        {
            return;
        }

        var unknown = UnknownFields(type, obj);
        if (unknown.Count == 0)
        {
            return;
        }

        if (options.FieldValidation == "Strict")
        {
            throw StatusException.BadRequest(
                $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: "
                + string.Join(", ", unknown.Select(f => $"unknown field \"{f}\"")));
        }

        foreach (var field in unknown)
        {
            ApiResponses.AddWarning(response, $"unknown field \"{field}\"");
        }
    }

    /// <summary>The unknown field paths of an object, in document order.</summary>
    public static IReadOnlyList<string> UnknownFields(ResourceType type, JsonObject obj)
    {
        if (type.Custom is { } custom)
        {
            return Crds.CrdSchemaPruning.UnknownFields(custom, obj);
        }

        var unknown = new List<string>();
        if (!Schemas.TryGetValue(type, out var schema))
        {
            return unknown;
        }

        unknown.AddRange(obj.Select(p => p.Key).Where(k => !schema.TopLevel.Contains(k)));
        if (obj["metadata"] is JsonObject metadata)
        {
            unknown.AddRange(metadata.Select(p => p.Key).Where(k => !Metadata.Contains(k)).Select(k => "metadata." + k));
        }

        if (schema.Spec is { } spec && obj["spec"] is JsonObject specObject)
        {
            unknown.AddRange(specObject.Select(p => p.Key).Where(k => !spec.Contains(k)).Select(k => "spec." + k));
        }

        return unknown;
    }
}
