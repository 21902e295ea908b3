using System.Text.Json.Nodes;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Discovery;

/// <summary>
/// The <c>components.schemas</c> of a group/version's OpenAPI v3 document, found by kubectl explain through their
/// <c>x-kubernetes-group-version-kind</c>. A custom type's schema is its CRD's <c>openAPIV3Schema</c>; a built-in
/// type's is an outline (the top-level fields, and the spec fields Tarnfui's users ask about), not the full API.
/// </summary>
public static class OpenApiSchemas
{
    private static readonly Dictionary<string, JsonObject> WorkloadSpec = new()
    {
        ["replicas"] = Field("integer", "Number of desired pods. Defaults to 1. Tarnfui sets it to 0 off-hours and restores it in the morning."),
        ["selector"] = Field("object", "Label selector for the pods the workload owns."),
        ["template"] = Field("object", "The pod template."),
        ["paused"] = Field("boolean", "Whether the rollout is paused."),
    };

    /// <summary>The name the schema of <paramref name="type"/> is published under, like kube-apiserver's.</summary>
    public static string NameOf(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsCustom)
        {
            return $"{string.Join('.', type.Group.Split('.').Reverse())}.{type.Version}.{type.Kind}";
        }

        if (type == ResourceTypes.CustomResourceDefinitions)
        {
            return $"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.{type.Version}.{type.Kind}";
        }

        var group = type.Group.Length == 0 ? "core" : type.Group.Split('.')[0];
        return $"io.k8s.api.{group}.{type.Version}.{type.Kind}";
    }

    /// <summary>The schema of <paramref name="type"/>, tagged with its group/version/kind.</summary>
    public static JsonObject SchemaOf(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var schema = type.Custom is { } custom ? JsonNode.Parse(custom.SchemaJson)!.AsObject() : Outline(type);
        schema["type"] ??= "object";
        if (schema["properties"] is not JsonObject properties)
        {
            properties = [];
            schema["properties"] = properties;
        }

        properties["apiVersion"] ??= Field("string", "The versioned schema of this representation of an object.");
        properties["kind"] ??= Field("string", "The REST resource this object represents.");
        properties["metadata"] = Field("object", "Standard object's metadata.");
        schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject
        {
            ["group"] = type.Group,
            ["kind"] = type.Kind,
            ["version"] = type.Version,
        });
        return schema;
    }

    private static JsonObject Outline(ResourceType type)
    {
        var schema = new JsonObject { ["description"] = $"{type.Kind} ({type.ApiVersion}), as the Tarnfui emulator outlines it.", ["type"] = "object" };
        if (type.HasScale)
        {
            var spec = Field("object", $"The desired state of the {type.Kind}.");
            spec["properties"] = new JsonObject(WorkloadSpec.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value.DeepClone())));
            spec["x-kubernetes-preserve-unknown-fields"] = true;
            schema["properties"] = new JsonObject
            {
                ["spec"] = spec,
                ["status"] = Field("object", $"The observed state of the {type.Kind}."),
            };
        }

        schema["x-kubernetes-preserve-unknown-fields"] = true;
        return schema;
    }

    private static JsonObject Field(string type, string description) => new() { ["type"] = type, ["description"] = description };
}
