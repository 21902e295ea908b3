using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;

namespace Tarnfui.Deploy.Tests.Helm;

/// <summary>
/// Compares two renderings object by object and field by field, after a normalisation that removes only what the two
/// tools add of their own and what is generated per run:
/// <list type="bullet">
/// <item>the labels each tool stamps (<c>app.kubernetes.io/managed-by</c>, and helm's <c>helm.sh/chart</c>,
/// <c>app.kubernetes.io/instance</c>, <c>app.kubernetes.io/version</c>) on objects and pod templates;</item>
/// <item>the hash suffix kustomize's configMapGenerator appends to a ConfigMap's name (and to references to it), and
/// the <c>checksum/config</c> pod annotation by which the chart rolls the pods instead;</item>
/// <item>kustomize's generated ConfigMap (no <c>app.kubernetes.io/name</c>) and certs/generate.sh's Secret (no
/// <c>app.kubernetes.io/part-of</c>) miss one of Tarnfui's two common labels each, which the chart sets on every
/// object: on kustomize's ConfigMaps and Secrets the missing one is taken as present;</item>
/// <item>generated certificate material: the data of kubernetes.io/tls Secrets and the webhooks' caBundle
/// (each rendering's own consistency is checked by the tests of its certificate mode).</item>
/// </list>
/// Everything else must be equal; each difference is named by object and JSON path.
/// </summary>
internal static partial class ObjectSetComparison
{
    public const string Generated = "<generated>";

    private static readonly HashSet<string> ToolLabels =
        ["app.kubernetes.io/managed-by", "helm.sh/chart", "app.kubernetes.io/instance", "app.kubernetes.io/version"];

    private static readonly string[] CommonLabels = ["app.kubernetes.io/name", "app.kubernetes.io/part-of"];

    /// <summary>
    /// The objects of <paramref name="objects"/>, normalised, by "Kind namespace/name"; <paramref name="kustomized"/>
    /// says whether ConfigMap names carry configMapGenerator's hash.
    /// </summary>
    public static SortedDictionary<string, JsonNode> Normalise(IEnumerable<object> objects, bool kustomized)
    {
        var nodes = objects.Select(o => JsonNode.Parse(KubernetesJson.Serialize(o))!.AsObject()).ToList();
        var generatedNames = nodes.Where(n => kustomized && Kind(n) == "ConfigMap").Select(Name)
            .Select(name => (name, match: GeneratedSuffix().Match(name))).Where(x => x.match.Success)
            .ToDictionary(x => x.name, x => x.match.Groups["base"].Value);
        var result = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            Rename(node, generatedNames);
            if (kustomized && Kind(node) is "ConfigMap" or "Secret")
            {
                AddMissingCommonLabels(node["metadata"]!.AsObject());
            }

            RemoveToolLabels(node["metadata"]);
            RemoveToolLabels(node["spec"]?["template"]?["metadata"]);
            RemoveKey(node["spec"]?["template"]?["metadata"], "annotations", "checksum/config");
            if (Kind(node) == "Secret" && (string?)node["type"] == "kubernetes.io/tls" && node["data"] is JsonObject data)
            {
                foreach (var key in data.Select(p => p.Key).ToList())
                {
                    data[key] = Generated;
                }
            }

            foreach (var webhook in node["webhooks"]?.AsArray() ?? [])
            {
                if (webhook?["clientConfig"]?["caBundle"] is not null)
                {
                    webhook["clientConfig"]!["caBundle"] = Generated;
                }
            }

            var scope = (string?)node["metadata"]!["namespace"] is { } ns ? ns + "/" : string.Empty;
            result.Add($"{Kind(node)} {scope}{Name(node)}", node);
        }

        return result;
    }

    /// <summary>Every difference between <paramref name="expected"/> and <paramref name="actual"/>, one line each.</summary>
    public static List<string> Differences(
        IReadOnlyDictionary<string, JsonNode> expected, string expectedName, IReadOnlyDictionary<string, JsonNode> actual, string actualName)
    {
        var differences = new List<string>();
        foreach (var key in expected.Keys.Except(actual.Keys))
        {
            differences.Add($"{key}: only in {expectedName}");
        }

        foreach (var key in actual.Keys.Except(expected.Keys))
        {
            differences.Add($"{key}: only in {actualName}");
        }

        foreach (var key in expected.Keys.Intersect(actual.Keys))
        {
            Compare(expected[key], actual[key], string.Empty, (path, left, right) =>
                differences.Add($"{key} {(path.Length == 0 ? "/" : path)}: {expectedName} has {Show(left)}, {actualName} has {Show(right)}"));
        }

        return differences;
    }

    private static void Compare(JsonNode? left, JsonNode? right, string path, Action<string, JsonNode?, JsonNode?> report)
    {
        switch (left, right)
        {
            case (JsonObject l, JsonObject r):
                foreach (var key in l.Select(p => p.Key).Union(r.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    Compare(l[key], r[key], $"{path}/{key}", report);
                }

                break;
            case (JsonArray l, JsonArray r):
                for (var i = 0; i < Math.Max(l.Count, r.Count); i++)
                {
                    Compare(i < l.Count ? l[i] : null, i < r.Count ? r[i] : null, $"{path}/{i}", report);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(left, right))
                {
                    report(path, left, right);
                }

                break;
        }
    }

    private static string Show(JsonNode? node) => node is null ? "nothing" : node.ToJsonString();

    private static string Kind(JsonNode node) => (string)node["kind"]!;

    private static string Name(JsonNode node) => (string)node["metadata"]!["name"]!;

    private static void AddMissingCommonLabels(JsonObject metadata)
    {
        var labels = metadata["labels"]?.AsObject() ?? [];
        metadata["labels"] = labels;
        foreach (var label in CommonLabels)
        {
            labels[label] ??= "tarnfui";
        }
    }

    private static void RemoveToolLabels(JsonNode? metadata)
    {
        foreach (var label in ToolLabels)
        {
            RemoveKey(metadata, "labels", label);
        }
    }

    private static void RemoveKey(JsonNode? metadata, string map, string key)
    {
        if (metadata?[map] is JsonObject values)
        {
            values.Remove(key);
            if (values.Count == 0)
            {
                metadata.AsObject().Remove(map);
            }
        }
    }

    // A generated ConfigMap's name is referenced by value wherever it is used (envFrom, volumes): replace every such
    // string, the object's own name included.
    private static void Rename(JsonNode node, Dictionary<string, string> names)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text) && names.TryGetValue(text, out var renamed))
                    {
                        o[key] = renamed;
                    }
                    else if (value is not null)
                    {
                        Rename(value, names);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        Rename(item, names);
                    }
                }

                break;
        }
    }

    // kustomize's configMapGenerator: "<name>-<10 characters of a content hash>".
    [GeneratedRegex("^(?<base>.+)-[a-z0-9]{10}$")]
    private static partial Regex GeneratedSuffix();
}
