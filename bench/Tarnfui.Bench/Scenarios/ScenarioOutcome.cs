using System.Globalization;
using System.Text.Json.Nodes;

namespace Tarnfui.Bench.Scenarios;

/// <summary>
/// One target of the performance issues, as measured: the figure, the value measured, the target it is held to and
/// whether it holds. Build one with <see cref="AtMost"/>, <see cref="Below"/> or <see cref="AtLeast"/> (one call per
/// target); a target that no single bound states takes the three-part constructor, its sentence naming figure and
/// target together.
/// </summary>
internal sealed record TargetCheck(string Figure, string Value, string Target, bool Holds)
{
    /// <summary>A target stated in one sentence (<paramref name="target"/>) with what was <paramref name="measured"/>.</summary>
    public TargetCheck(string target, string measured, bool holds)
        : this(target, measured, StatedInFigure, holds)
    {
    }

    /// <summary>The <see cref="Target"/> of a check whose figure states its target.</summary>
    public const string StatedInFigure = "as stated";

    /// <summary><paramref name="value"/> ≤ <paramref name="limit"/>; both written with <paramref name="format"/> (whole numbers by default).</summary>
    public static TargetCheck AtMost(string figure, double value, double limit, Func<double, string>? format = null) =>
        Bound(figure, value, limit, "≤", value <= limit, format);

    /// <summary><paramref name="value"/> &lt; <paramref name="limit"/>.</summary>
    public static TargetCheck Below(string figure, double value, double limit, Func<double, string>? format = null) =>
        Bound(figure, value, limit, "<", value < limit, format);

    /// <summary><paramref name="value"/> ≥ <paramref name="limit"/>.</summary>
    public static TargetCheck AtLeast(string figure, double value, double limit, Func<double, string>? format = null) =>
        Bound(figure, value, limit, "≥", value >= limit, format);

    /// <summary>Formats a ratio as the tables write it: "40.1×".</summary>
    public static string Times(double ratio) => ratio.ToString(ratio >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture) + "×";

    /// <summary>Formats a count: "1,439".</summary>
    public static string Count(double count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public JsonObject ToJson() => new() { ["figure"] = Figure, ["value"] = Value, ["target"] = Target, ["holds"] = Holds };

    /// <summary>A check as the JSON file holds it, or, for an entry written before figures and targets were apart, as its sentence and measurement.</summary>
    public static TargetCheck FromJson(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node["figure"] is not null
            ? new TargetCheck((string?)node["figure"] ?? "", (string?)node["value"] ?? "", (string?)node["target"] ?? "", (bool?)node["holds"] ?? false)
            : new TargetCheck((string?)node["target"] ?? "", (string?)node["measured"] ?? "", (bool?)node["holds"] ?? false);
    }

    public static string Table(IEnumerable<TargetCheck> checks) =>
        "| figure | measured | target | holds |\n|---|---|---|---|\n"
        + string.Concat(checks.Select(c => $"| {c.Figure} | {c.Value} | {c.Target} | {c.HoldsCell} |\n"));

    /// <summary>The holds column of the tables: a target missed stands out.</summary>
    public string HoldsCell => Holds ? "yes" : "**no**";

    private static TargetCheck Bound(string figure, double value, double limit, string relation, bool holds, Func<double, string>? format)
    {
        format ??= Count;
        return new TargetCheck(figure, format(value), $"{relation} {format(limit)}", holds);
    }
}

/// <summary>What a scenario hands back: its Markdown section (heading first), its raw figures for the JSON file and its target checks.</summary>
internal sealed record ScenarioOutcome(string Name, string Markdown, JsonObject Figures, IReadOnlyList<TargetCheck> Targets);
