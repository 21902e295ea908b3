using System.Globalization;
using System.Text.Json.Nodes;
using Tarnfui.Core;

using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Patching;

/// <summary>
/// RFC 6902 JSON Patch on <see cref="JsonNode"/> trees: add, remove, replace, move, copy, test, with RFC 6901
/// pointers. The patch applies to a deep copy and is all-or-nothing: the same code serves PATCH requests
/// (<c>application/json-patch+json</c>) and the patches mutating webhooks return.
/// </summary>
/// <remarks>
/// kube-apiserver applies JSON Patch with evanphx/json-patch, whose <c>test</c> departs from the RFC in one way kept
/// here: a test for <c>null</c> passes when the member is missing from an existing object (and fails on any present
/// value), so a client can test that an annotation is absent. A missing parent is still a 422.
/// </remarks>
public static class JsonPatch
{
    /// <summary>
    /// A PATCH request's body applied to <paramref name="document"/>: a body that is not an array is a 400, a failed
    /// <c>test</c> or a missing path a 422 Invalid whose message is kube-apiserver's fixed one: its patch handler wraps
    /// the library's error in <c>NewGenericServerResponse</c>, which keeps only the code.
    /// </summary>
    public static JsonNode ApplyRequest(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw StatusException.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        var result = Apply(document, operations);
        return result.IsValid && result.Value is { } patched ? patched
            : throw new StatusException(422, "Invalid", "the server rejected our request due to an error in our request");
    }

    /// <summary>Applies <paramref name="operations"/> to a copy of <paramref name="document"/>.</summary>
    public static ParseResult<JsonNode?> Apply(JsonNode? document, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var root = new Root(document?.DeepClone());
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject op)
            {
                return ParseResult<JsonNode?>.Fail($"operation {i} is not a JSON object");
            }

            var error = ApplyOne(root, op);
            if (error is not null)
            {
                return ParseResult<JsonNode?>.Fail($"operation {i} ({op.ToJsonString()}): {error}");
            }
        }

        return ParseResult<JsonNode?>.Ok(root.Value);
    }

    /// <summary>Escapes a map key or property name into one JSON Pointer segment (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>).</summary>
    public static string EscapeSegment(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    // The document root may itself be replaced ("path": ""), so it lives in a box.
    private sealed class Root(JsonNode? value)
    {
        public JsonNode? Value { get; set; } = value;
    }

    private static string? ApplyOne(Root root, JsonObject op)
    {
        var name = (op["op"] as JsonValue)?.GetValue<string>();
        var path = (op["path"] as JsonValue)?.GetValue<string>();
        if (name is null || path is null)
        {
            return "\"op\" and \"path\" are required strings";
        }

        var segments = ParsePointer(path);
        if (segments is null)
        {
            return $"path \"{path}\" is not a JSON Pointer (it must be empty or start with \"/\")";
        }

        switch (name)
        {
            case "add":
                return op.TryGetPropertyValue("value", out var added) ? Add(root, segments, added?.DeepClone()) : "\"value\" is required";
            case "remove":
                return Remove(root, segments, out _);
            case "replace":
                if (!op.TryGetPropertyValue("value", out var replacement))
                {
                    return "\"value\" is required";
                }

                return Remove(root, segments, out _) ?? Add(root, segments, replacement?.DeepClone());
            case "move":
            case "copy":
                var from = (op["from"] as JsonValue)?.GetValue<string>();
                var fromSegments = from is null ? null : ParsePointer(from);
                if (fromSegments is null)
                {
                    return "\"from\" must be a JSON Pointer";
                }

                if (name == "move" && path.StartsWith(from + "/", StringComparison.Ordinal))
                {
                    return $"cannot move \"{from}\" into its own child \"{path}\"";
                }

                if (name == "move")
                {
                    return Remove(root, fromSegments, out var moved) ?? Add(root, segments, moved);
                }

                var source = Resolve(root.Value, fromSegments, out var copyError);
                return copyError ?? Add(root, segments, source?.DeepClone());
            case "test":
                if (!op.TryGetPropertyValue("value", out var expected))
                {
                    return "\"value\" is required";
                }

                if (expected is null && segments.Count > 0 && Resolve(root.Value, segments[..^1], out var parentError) is JsonObject parent
                    && parentError is null && !parent.ContainsKey(segments[^1]))
                {
                    return null;
                }

                var actual = Resolve(root.Value, segments, out var testError);
                if (testError is not null)
                {
                    return testError;
                }

                return JsonNode.DeepEquals(actual, expected) ? null : $"test failed: \"{path}\" is {actual?.ToJsonString() ?? "null"}";
            default:
                return $"unknown op \"{name}\"";
        }
    }

    private static List<string>? ParsePointer(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            return null;
        }

        // ~1 is decoded before ~0, so "~01" stays the literal "~1" (RFC 6901 §4).
        return pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }

    private static JsonNode? Resolve(JsonNode? node, List<string> segments, out string? error)
    {
        error = null;
        var current = node;
        foreach (var segment in segments)
        {
            switch (current)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                    current = child;
                    break;
                case JsonArray array when TryIndex(segment, array.Count, out var index) && index < array.Count:
                    current = array[index];
                    break;
                default:
                    error = $"path segment \"{segment}\" does not exist";
                    return null;
            }
        }

        return current;
    }

    private static string? Add(Root root, List<string> segments, JsonNode? value)
    {
        if (segments.Count == 0)
        {
            root.Value = value;
            return null;
        }

        var parent = Resolve(root.Value, segments[..^1], out var error);
        if (error is not null)
        {
            return error;
        }

        var last = segments[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                return null;
            case JsonArray array when last == "-":
                array.Add(value);
                return null;
            case JsonArray array when TryIndex(last, array.Count, out var index):
                array.Insert(index, value);
                return null;
            case JsonArray:
                return $"array index \"{last}\" is out of range";
            default:
                return $"the parent of \"{last}\" is not an object or an array";
        }
    }

    private static string? Remove(Root root, List<string> segments, out JsonNode? removed)
    {
        removed = null;
        if (segments.Count == 0)
        {
            removed = root.Value;
            root.Value = null;
            return null;
        }

        var parent = Resolve(root.Value, segments[..^1], out var error);
        if (error is not null)
        {
            return error;
        }

        var last = segments[^1];
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(last, out var child):
                obj.Remove(last);
                removed = child;
                return null;
            case JsonArray array when TryIndex(last, array.Count, out var index) && index < array.Count:
                removed = array[index];
                array.RemoveAt(index);
                return null;
            default:
                return $"path segment \"{last}\" does not exist";
        }
    }

    // RFC 6901: decimal without leading zeros; an index equal to the count is valid only for add.
    private static bool TryIndex(string segment, int count, out int index)
    {
        index = -1;
        if (segment.Length == 0 || (segment.Length > 1 && segment[0] == '0') || !segment.All(char.IsAsciiDigit))
        {
            return false;
        }

        return int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index <= count;
    }
}
