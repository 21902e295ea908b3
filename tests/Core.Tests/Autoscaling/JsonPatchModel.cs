using System.Text.Json.Nodes;

namespace Tarnfui.Core.Tests.Autoscaling;

/// <summary>
/// Applies a JSON Patch the way kube-apiserver's library does, for the operations Tarnfui sends: a failed
/// <c>test</c> (a missing member tests as null) or a pointer into a missing parent fails the whole document.
/// </summary>
internal static class JsonPatchModel
{
    /// <summary>The patched copy, or null when the patch fails.</summary>
    public static JsonObject? Apply(JsonObject document, JsonArray patch)
    {
        var result = document.DeepClone().AsObject();
        foreach (var operation in patch)
        {
            var tokens = ((string)operation!["path"]!).Split('/').Skip(1)
                .Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            if (tokens[..^1].Aggregate((JsonNode?)result, (node, token) => node?[token]) is not JsonObject parent)
            {
                return null;
            }

            var last = tokens[^1];
            var ok = (string)operation["op"]! switch
            {
                "test" => JsonNode.DeepEquals(parent[last], operation["value"]),
                "add" => Set(parent, last, operation["value"]),
                "replace" => parent.ContainsKey(last) && Set(parent, last, operation["value"]),
                "remove" => parent.Remove(last),
                var op => throw new InvalidOperationException($"unsupported op {op}"),
            };
            if (!ok)
            {
                return null;
            }
        }

        return result;
    }

    private static bool Set(JsonObject parent, string key, JsonNode? value)
    {
        parent[key] = value?.DeepClone();
        return true;
    }
}
