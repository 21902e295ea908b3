using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Scope;

/// <summary>
/// A Kubernetes label selector in its text form: requirements joined by commas, all of which must hold
/// (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>).
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector(string text, IReadOnlyList<LabelRequirement> requirements)
    {
        Text = text;
        Requirements = requirements;
    }

    /// <summary>The selector as written (trimmed).</summary>
    public string Text { get; }

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    /// <summary>
    /// Reads a selector; the error gives the position (counted from 1) and quotes the text there
    /// (<c>at position 6, "(db": expected 'in' or 'notin' …</c>).
    /// </summary>
    public static ParseResult<LabelSelector> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var reader = new LabelSelectorReader(trimmed);
        var requirements = new List<LabelRequirement>();
        do
        {
            var requirement = reader.ReadRequirement();
            if (!requirement.IsValid)
            {
                return ParseResult<LabelSelector>.Fail(requirement.Error);
            }

            requirements.Add(requirement.Value);
        }
        while (reader.TryComma());

        return reader.AtEnd
            ? ParseResult<LabelSelector>.Ok(new LabelSelector(trimmed, requirements))
            : ParseResult<LabelSelector>.Fail(reader.Error("expected ',' or the end of the selector"));
    }

    /// <summary>Whether every requirement holds for <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var requirement in Requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where it matches: the workload's labels first, then its namespace's; null when neither known side matches.</summary>
    public PolicyScope? MatchesEither(SelectorLabels labels) =>
        labels.Workload is { } own && Matches(own) ? PolicyScope.Workload
        : labels.Namespace is { } ns && Matches(ns) ? PolicyScope.Namespace
        : null;

    public override string ToString() => Text;
}
