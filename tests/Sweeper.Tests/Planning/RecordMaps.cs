using System.Text.Json.Nodes;
using CsCheck;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// The annotation and label maps the stop-record properties draw and read back: a map is absent, empty or holds any
/// subset of the given keys with any of the given values.
/// </summary>
internal static class RecordMaps
{
    /// <param name="keys">The keys a map may hold.</param>
    /// <param name="values">The values each key may take.</param>
    /// <param name="absentOneIn">The map is absent about once in this many draws.</param>
    public static Gen<Dictionary<string, string>?> Of(string[] keys, string[] values, int absentOneIn) =>
        Gen.Select(Gen.Int[0, absentOneIn - 1], Gen.Int[0, (1 << keys.Length) - 1], Gen.Int[0, values.Length - 1].Array[keys.Length])
            .Select((absent, present, picks) => absent == 0
                ? null
                : keys.Where((_, i) => (present & (1 << i)) != 0).ToDictionary(k => k, k => values[picks[Array.IndexOf(keys, k)]], StringComparer.Ordinal));

    public static JsonObject Node(IReadOnlyDictionary<string, string> map)
    {
        var node = new JsonObject();
        foreach (var (key, value) in map)
        {
            node[key] = value;
        }

        return node;
    }

    /// <summary>An object's annotations and labels, null where the map is absent.</summary>
    public static (Dictionary<string, string>? Annotations, Dictionary<string, string>? Labels) Read(JsonNode item) =>
        (Map(item["metadata"]?["annotations"]), Map(item["metadata"]?["labels"]));

    private static Dictionary<string, string>? Map(JsonNode? node) =>
        node?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
}
