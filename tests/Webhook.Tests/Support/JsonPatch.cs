using System.Text.Json.Nodes;

namespace Tarnfui.Webhook.Tests.Support;

/// <summary>
/// Applies an RFC 6902 document to a JSON object the way the API server does (add/replace/remove; a pointer
/// into a missing parent fails), so tests check the object that results rather than the operations.
/// </summary>
internal static class JsonPatch
{
    public static JsonObject Apply(JsonObject document, byte[] patch)
    {
        var result = document.DeepClone().AsObject();
        foreach (var operation in JsonNode.Parse(patch)!.AsArray())
        {
            var op = (string)operation!["op"]!;
            var tokens = ((string)operation["path"]!).Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            var parent = tokens[..^1].Aggregate((JsonNode)result, (node, token) => node[token] ?? throw new InvalidOperationException($"path {operation["path"]} has no parent at {token}"));
            var last = tokens[^1];
            switch (op)
            {
                case "add":
                case "replace":
                    parent.AsObject()[last] = operation["value"]!.DeepClone();
                    break;
                case "remove":
                    parent.AsObject().Remove(last).ShouldBeTrue($"remove of missing {operation["path"]}");
                    break;
                default:
                    throw new InvalidOperationException($"unsupported op {op}");
            }
        }

        return result;
    }
}
