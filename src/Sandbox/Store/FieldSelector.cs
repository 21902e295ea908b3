namespace Tarnfui.Sandbox.Store;

/// <summary>
/// A parsed field selector: comma-separated <c>field=value</c>, <c>field==value</c>, <c>field!=value</c> over the
/// fields the real server indexes for the type (<c>metadata.name</c>, <c>metadata.namespace</c>; Pods also
/// <c>status.phase</c> and <c>spec.nodeName</c>). Any other field is a 400, as kube-apiserver answers.
/// </summary>
public sealed class FieldSelector
{
    private sealed record Requirement(string Field, bool Equal, string Value);

    private readonly IReadOnlyList<Requirement> _requirements;

    private FieldSelector(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    public static readonly FieldSelector Everything = new([]);

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
            if (!IsSupported(field, type))
            {
                throw StatusException.BadRequest($"field label not supported: {field}");
            }

            requirements.Add(new Requirement(field, equal, value));
        }

        return new FieldSelector(requirements);
    }

    public bool Matches(StoredObject obj)
    {
        foreach (var requirement in _requirements)
        {
            var actual = requirement.Field switch
            {
                "metadata.name" => obj.Name,
                "metadata.namespace" => obj.Namespace,
                "status.phase" => obj.Phase ?? "",
                "spec.nodeName" => obj.NodeName ?? "",
                _ => "",
            };
            if ((actual == requirement.Value) != requirement.Equal)
            {
                return false;
            }
        }

        return true;
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

    private static bool IsSupported(string field, ResourceType type) =>
        field is "metadata.name" or "metadata.namespace"
        || (type == ResourceTypes.Pods && field is "status.phase" or "spec.nodeName");
}
