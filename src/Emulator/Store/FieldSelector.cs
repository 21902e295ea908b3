using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Store;

/// <summary>
/// A parsed field selector: comma-separated <c>field=value</c>, <c>field==value</c>, <c>field!=value</c> over the
/// fields kube-apiserver supports for the type (<c>metadata.name</c>, <c>metadata.namespace</c> everywhere; Pods
/// <c>status.phase</c>, <c>spec.nodeName</c>, …; Events <c>involvedObject.*</c>, <c>reason</c>, <c>type</c>, … as
/// kubectl describe sends them). Any other field is a 400, as the real server answers.
/// </summary>
public sealed class FieldSelector
{
    private sealed record Requirement(string Field, bool Equal, string Value);

    private static readonly string[] CoreEventFields =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
        "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
    ];

    // Field label → JSON path, per type, beyond metadata.name/namespace (pkg/registry/*/strategy.go ToSelectableFields).
    private static readonly Dictionary<ResourceType, Dictionary<string, string>> Selectable = new()
    {
        [ResourceTypes.Pods] = new()
        {
            ["status.phase"] = "status.phase",
            ["spec.nodeName"] = "spec.nodeName",
            ["spec.restartPolicy"] = "spec.restartPolicy",
            ["spec.schedulerName"] = "spec.schedulerName",
            ["spec.serviceAccountName"] = "spec.serviceAccountName",
            ["spec.hostNetwork"] = "spec.hostNetwork",
            ["status.podIP"] = "status.podIP",
            ["status.nominatedNodeName"] = "status.nominatedNodeName",
        },
        [ResourceTypes.CoreEvents] = CoreEventFields.ToDictionary(f => f, f => f == "source" ? "source.component" : f),
        // Both Event APIs select with the core labels, on the core form the store keeps for both (EventVersions).
        [ResourceTypes.Events] = CoreEventFields.ToDictionary(f => f, f => f == "source" ? "source.component" : f),
        [ResourceTypes.Namespaces] = new() { ["status.phase"] = "status.phase" },
        [ResourceTypes.ReplicaSets] = new() { ["status.replicas"] = "status.replicas" },
        [ResourceTypes.Jobs] = new() { ["status.successful"] = "status.succeeded" },
    };

    // Fields kube-apiserver selects on as an integer's text (strconv.Itoa of an int32 in ReplicaSetToSelectableFields
    // and JobToSelectableFields): an absent count is 0 there, so "status.replicas!=0" does not select a ReplicaSet
    // whose controller has not written its status yet.
    private static readonly HashSet<string> Counts = ["status.replicas", "status.succeeded"];

    private readonly ResourceType? _type;
    private readonly IReadOnlyList<Requirement> _requirements;

    private FieldSelector(ResourceType? type, IReadOnlyList<Requirement> requirements)
    {
        _type = type;
        _requirements = requirements;
    }

    public static readonly FieldSelector Everything = new(null, []);

    public bool IsEverything => _requirements.Count == 0;

    /// <summary>The value of <c>metadata.name=x</c> when the selector pins one name (lets LIST do a lookup).</summary>
    public string? PinnedName => _requirements.FirstOrDefault(r => r.Field == "metadata.name" && r.Equal)?.Value;

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Requirement>();
        foreach (var part in text.Split(','))
        {
            var term = part.Trim();
            if (term.Length == 0)
            {
                continue;
            }

            var (field, equal, value) = Split(term);
            if (field is not ("metadata.name" or "metadata.namespace") && !(Selectable.GetValueOrDefault(type)?.ContainsKey(field) ?? false))
            {
                throw StatusException.BadRequest($"field label not supported: {field}");
            }

            requirements.Add(new Requirement(field, equal, value));
        }

        return new FieldSelector(type, requirements);
    }

    public bool Matches(StoredObject obj)
    {
        JsonObject? parsed = null;
        foreach (var requirement in _requirements)
        {
            var actual = requirement.Field switch
            {
                "metadata.name" => obj.Name,
                "metadata.namespace" => obj.Namespace,
                "status.phase" when obj.Type == ResourceTypes.Pods => obj.Phase ?? "",
                "spec.nodeName" when obj.Type == ResourceTypes.Pods => obj.NodeName ?? "",
                _ => Value(parsed ??= obj.ToJsonObject(), Selectable[_type!][requirement.Field]),
            };
            if ((actual == requirement.Value) != requirement.Equal)
            {
                return false;
            }
        }

        return true;
    }

    private static string Value(JsonObject obj, string path)
    {
        var text = Lookup(obj, path);
        return text.Length == 0 && Counts.Contains(path) ? "0" : text;
    }

    // Missing fields compare as "", as the real field sets do; booleans and numbers as their JSON text.
    private static string Lookup(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node?[segment];
        }

        return node switch
        {
            null => "",
            JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => (string?)value ?? "",
            _ => node.ToJsonString(),
        };
    }

    private static (string Field, bool Equal, string Value) Split(string term)
    {
        var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
        if (notEqual > 0)
        {
            return (term[..notEqual], false, term[(notEqual + 2)..]);
        }

        var doubleEqual = term.IndexOf("==", StringComparison.Ordinal);
        if (doubleEqual > 0)
        {
            return (term[..doubleEqual], true, term[(doubleEqual + 2)..]);
        }

        var equal = term.IndexOf('=', StringComparison.Ordinal);
        return equal > 0
            ? (term[..equal], true, term[(equal + 1)..])
            : throw StatusException.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
    }
}
