using System.Text;
using System.Text.Json.Nodes;

namespace Tarnfui.Bench.Scenarios;

/// <summary>
/// The "Targets" section at the top of <c>docs/benchmarks.md</c> and the <c>targets</c> array of
/// <c>docs/benchmarks.json</c>: every scenario's target checks in one table, built from the JSON file's scenarios, so
/// that a run of one scenario refreshes its rows and keeps the others' as they were last measured.
/// </summary>
internal static class TargetSummary
{
    public const string Heading = "## Targets";

    /// <summary>Every check the JSON file's scenarios carry, in the file's scenario order.</summary>
    public static IReadOnlyList<(string Scenario, TargetCheck Check)> Collect(JsonObject scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        return [.. scenarios
            .Where(s => s.Value?["targets"] is JsonArray)
            .SelectMany(s => s.Value!["targets"]!.AsArray().OfType<JsonNode>().Select(t => (s.Key, TargetCheck.FromJson(t))))];
    }

    public static JsonArray ToJson(IReadOnlyList<(string Scenario, TargetCheck Check)> checks) =>
        [.. checks.Select(c => (JsonNode)new JsonObject
        {
            ["scenario"] = c.Scenario,
            ["figure"] = c.Check.Figure,
            ["value"] = c.Check.Value,
            ["target"] = c.Check.Target,
            ["holds"] = c.Check.Holds,
        })];

    /// <summary>The one line a run ends with: how many targets hold, and which do not.</summary>
    public static string ClosingLine(IReadOnlyList<(string Scenario, TargetCheck Check)> checks)
    {
        var missed = checks.Where(c => !c.Check.Holds).ToList();
        var line = $"targets: {checks.Count - missed.Count} of {checks.Count} hold";
        return missed.Count == 0 ? line : line + "; not held: " + string.Join("; ", missed.Select(m => $"{m.Scenario}: {m.Check.Figure} ({m.Check.Value}, target {m.Check.Target})"));
    }

    /// <summary>The table of every check, header first.</summary>
    public static string Table(IReadOnlyList<(string Scenario, TargetCheck Check)> checks) =>
        "| scenario | figure | measured | target | holds |\n|---|---|---|---|---|\n"
        + string.Concat(checks.Select(c => $"| {c.Scenario} | {c.Check.Figure} | {c.Check.Value} | {c.Check.Target} | {c.Check.HoldsCell} |\n"));

    /// <summary>The section, heading first.</summary>
    public static string Markdown(IReadOnlyList<(string Scenario, TargetCheck Check)> checks, string updated)
    {
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine("Every target the scenario runner checks, with the value of its last run (each scenario's section says when and");
        text.AppendLine($"how it ran; this table was last written {updated}). A target stated in one sentence has \"{TargetCheck.StatedInFigure}\" in its");
        text.AppendLine("target column.").AppendLine();
        text.Append(Table(checks));
        text.AppendLine().AppendLine(ClosingLine(checks) + ".");
        return text.ToString();
    }

    /// <summary>
    /// The document with the section in place of the old one, or, the first time, before the first <c>## </c> section
    /// (after the document's introduction).
    /// </summary>
    public static string Place(string document, string section)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(section);
        if (document.StartsWith(Heading + "\n", StringComparison.Ordinal) || document.Contains("\n" + Heading + "\n", StringComparison.Ordinal))
        {
            return MarkdownSections.Replace(document, section);
        }

        var first = document.IndexOf("\n## ", StringComparison.Ordinal);
        return first < 0
            ? document.TrimEnd() + "\n\n" + section.TrimEnd() + "\n"
            : document[..(first + 1)] + section.TrimEnd() + "\n\n" + document[(first + 1)..];
    }
}
