using System.Text.Json.Nodes;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Crds;

/// <summary>
/// Structural pruning of custom resources, as apiextensions-apiserver's pruning package does: a field the
/// schema does not declare is dropped, unless the schema (or the object schema enclosing it) says
/// <c>x-kubernetes-preserve-unknown-fields: true</c> or gives <c>additionalProperties</c>. <c>apiVersion</c>,
/// <c>kind</c> and <c>metadata</c> are never pruned at the top.
/// </summary>
public static class CrdSchemaPruning
{
    private static readonly string[] AlwaysKept = ["apiVersion", "kind", "metadata"];

    /// <summary>The paths (<c>spec.colour</c>) pruning would drop from <paramref name="obj"/>, in document order.</summary>
    public static IReadOnlyList<string> UnknownFields(CustomResourceInfo custom, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(custom);
        var pruned = new List<string>();
        Walk(Schema(custom), obj.DeepClone().AsObject(), "", pruned, top: true);
        return pruned;
    }

    /// <summary>Drops the unknown fields of <paramref name="obj"/> in place.</summary>
    public static void Prune(CustomResourceInfo custom, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(custom);
        Walk(Schema(custom), obj, "", [], top: true);
    }

    private static JsonObject Schema(CustomResourceInfo custom) => JsonNode.Parse(custom.SchemaJson)!.AsObject();

    private static void Walk(JsonObject schema, JsonNode? node, string path, List<string> pruned, bool top = false)
    {
        if (node is JsonArray array && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Walk(items, array[i], $"{path}[{i}]", pruned);
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        var properties = schema["properties"] as JsonObject;
        var preserve = (bool?)schema["x-kubernetes-preserve-unknown-fields"] == true;
        var additional = schema["additionalProperties"];
        foreach (var (key, value) in obj.ToList())
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (top && AlwaysKept.Contains(key))
            {
                continue;
            }

            if (properties?[key] is JsonObject declared)
            {
                Walk(declared, value, childPath, pruned);
            }
            else if (additional is JsonObject valueSchema)
            {
                Walk(valueSchema, value, childPath, pruned);
            }
            else if (!preserve && !(additional is JsonValue allowed && allowed.TryGetValue<bool>(out var any) && any))
            {
                pruned.Add(childPath);
                obj.Remove(key);
            }
        }
    }
}
