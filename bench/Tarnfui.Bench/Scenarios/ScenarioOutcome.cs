using System.Globalization;
using System.Text.Json.Nodes;

namespace Tarnfui.Bench.Scenarios;

/// <summary>One target of the performance issue, as measured: what it asks, what was measured, whether it holds.</summary>
internal sealed record TargetCheck(string Target, string Measured, bool Holds)
{
    public JsonObject ToJson() => new() { ["target"] = Target, ["measured"] = Measured, ["holds"] = Holds };

    public static string Table(IEnumerable<TargetCheck> checks) =>
        "| target | measured | holds |\n|---|---|---|\n"
        + string.Concat(checks.Select(c => string.Create(CultureInfo.InvariantCulture, $"| {c.Target} | {c.Measured} | {(c.Holds ? "yes" : "**no**")} |\n")));
}

/// <summary>What a scenario hands back: its Markdown section (heading first) and its raw figures for the JSON file.</summary>
internal sealed record ScenarioOutcome(string Name, string Markdown, JsonObject Figures, IReadOnlyList<TargetCheck> Targets);
