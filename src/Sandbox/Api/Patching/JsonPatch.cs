using System.Globalization;
using System.Text.Json.Nodes;
using Tarnfui.Sandbox.Store;

namespace Tarnfui.Sandbox.Api.Patching;

/// <summary>
/// RFC 6902 JSON Patch (<c>application/json-patch+json</c>): add, remove, replace, move, copy, test, with RFC 6901
/// pointers (<c>~1</c> for <c>/</c>, <c>~0</c> for <c>~</c>, <c>-</c> for the end of an array). A failed <c>test</c> or a
/// missing path is a 422, as kube-apiserver answers.
/// </summary>
/// <remarks>
/// kube-apiserver applies JSON Patch with evanphx/json-patch, whose <c>test</c> departs from the RFC in one way kept
/// here: a test for <c>null</c> passes when the member is missing from an existing object (and fails on any present
/// value), so a client can test that an annotation is absent. A missing parent is still a 422.
/// </remarks>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode patch)
    {
        if (patch is not JsonArray operations)
        {
            throw StatusException.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        var root = new JsonObject { ["doc"] = document.DeepClone() };
        foreach (var operation in operations)
        {
            var op = (string?)operation?["op"] ?? throw Unprocessable("missing operation \"op\"");
            var path = (string?)operation!["path"] ?? throw Unprocessable($"missing path for operation {op}");
            switch (op)
            {
                case "add":
                    Add(root, path, Value(operation, op));
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, Value(operation, op));
                    break;
                case "move":
                    var moved = Remove(root, From(operation, op));
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Resolve(root, From(operation, op))?.DeepClone());
                    break;
                case "test":
                    var expected = Value(operation, op);
                    if (expected is null && Parent(root, path) is (JsonObject parent, var token) && !parent.ContainsKey(token))
                    {
                        break;
                    }

                    if (!JsonNode.DeepEquals(Resolve(root, path), expected))
                    {
                        throw Unprocessable($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw Unprocessable($"unexpected operation \"{op}\"");
            }
        }

        return root["doc"]!;
    }

    private static JsonNode? Value(JsonNode operation, string op) =>
        operation.AsObject().TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw Unprocessable($"missing value for operation {op}");

    private static string From(JsonNode operation, string op) =>
        (string?)operation["from"] ?? throw Unprocessable($"missing from for operation {op}");

    private static JsonNode? Resolve(JsonObject root, string path)
    {
        var (parent, token) = Parent(root, path);
        return parent switch
        {
            JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
            JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
            _ => throw Unprocessable($"path {path} does not exist"),
        };
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, token) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array when token == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= array.Count:
                array.Insert(i, value);
                break;
            default:
                throw Unprocessable($"add operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    private static JsonNode? Remove(JsonObject root, string path)
    {
        var (parent, token) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                obj.Remove(token);
                return child;
            case JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count:
                var removed = array[i];
                array.RemoveAt(i);
                return removed;
            default:
                throw Unprocessable($"remove operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    // Walks to the container of the last token; the document itself hangs under root["doc"] so "" works too.
    private static (JsonNode Parent, string Token) Parent(JsonObject root, string path)
    {
        if (path.Length > 0 && path[0] != '/')
        {
            throw Unprocessable($"path {path} must start with /");
        }

        var tokens = ("/doc" + path).Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode current = root;
        foreach (var token in tokens[..^1])
        {
            current = current switch
            {
                JsonObject obj when obj[token] is { } child => child,
                JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count && array[i] is { } item => item,
                _ => throw Unprocessable($"doc is missing path: \"{path}\""),
            };
        }

        return (current, tokens[^1]);
    }

    private static StatusException Unprocessable(string message) => new(422, "Invalid", message);
}
