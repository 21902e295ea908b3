using System.Text.Json.Nodes;

namespace Tarnfui.Cli.Cluster.Patching;

/// <summary>Writes RFC 6902 operations explicitly, escaping keys (<c>tarnfui.io/stopped</c> → <c>tarnfui.io~1stopped</c>).</summary>
internal sealed class JsonPatchBuilder
{
    private readonly JsonArray _operations = [];

    public int Count => _operations.Count;

    /// <summary>Fails the whole patch unless the object is still at <paramref name="resourceVersion"/>.</summary>
    public JsonPatchBuilder TestResourceVersion(string resourceVersion) => Op("test", "/metadata/resourceVersion", JsonValue.Create(resourceVersion));

    public JsonPatchBuilder SetReplicas(int replicas) => Op("add", "/spec/replicas", JsonValue.Create(replicas));

    /// <summary>Sets <paramref name="key"/> in <c>/metadata/&lt;map&gt;</c>, creating the map first when the object has none.</summary>
    public JsonPatchBuilder Set(string map, bool mapExists, string key, string value)
    {
        if (!mapExists && !_operations.Any(o => o?["path"]?.GetValue<string>() == $"/metadata/{map}"))
        {
            // A JSON Patch add into a missing map fails; the map must be added first.
            Op("add", $"/metadata/{map}", new JsonObject());
        }

        return Op("add", $"/metadata/{map}/{Escape(key)}", JsonValue.Create(value));
    }

    public JsonPatchBuilder Remove(string map, string key) => Op("remove", $"/metadata/{map}/{Escape(key)}", null);

    public string ToJson() => _operations.ToJsonString();

    public JsonArray ToArray() => (JsonArray)_operations.DeepClone();

    public static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private JsonPatchBuilder Op(string op, string path, JsonNode? value)
    {
        var operation = new JsonObject { ["op"] = op, ["path"] = path };
        if (op != "remove")
        {
            operation["value"] = value;
        }

        _operations.Add(operation);
        return this;
    }
}
