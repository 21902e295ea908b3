using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Api.Crds;

/// <summary>The simple JSON paths a CRD's scale subresource declares (<c>.spec.replicas</c>): read and write.</summary>
public static class JsonFieldPath
{
    /// <summary>The value at <paramref name="path"/>, or null when a step is missing.</summary>
    public static JsonNode? Get(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var step in Steps(path))
        {
            node = (node as JsonObject)?[step];
        }

        return node;
    }

    /// <summary>Sets the value at <paramref name="path"/>, creating the objects on the way.</summary>
    public static void Set(JsonObject obj, string path, JsonNode? value)
    {
        var steps = Steps(path);
        var parent = obj;
        foreach (var step in steps[..^1])
        {
            if (parent[step] is not JsonObject child)
            {
                child = [];
                parent[step] = child;
            }

            parent = child;
        }

        parent[steps[^1]] = value;
    }

    private static string[] Steps(string path) => path.Split('.', StringSplitOptions.RemoveEmptyEntries);
}
