using System.Text.Json.Nodes;
using Tarnfui.Bench.Scenarios;

namespace Tarnfui.Bench.Tests.Scenarios;

/// <summary>Target checks (one call per target) and the "Targets" summary <c>scenario</c> writes at the top of the report.</summary>
public sealed class TargetSummaryTests
{
    public static TheoryData<string, double, double, bool, string> Bounds => new()
    {
        { "at most", 5, 5, true, "≤ 5" },
        { "at most", 6, 5, false, "≤ 5" },
        { "below", 65_535, 65_536, true, "< 65,536" },
        { "below", 65_536, 65_536, false, "< 65,536" },
        { "at least", 20, 20, true, "≥ 20" },
        { "at least", 19.5, 20, false, "≥ 20" },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public void A_bound_holds_exactly_on_its_side_and_writes_its_relation(string relation, double value, double limit, bool holds, string target)
    {
        var check = relation switch
        {
            "at most" => TargetCheck.AtMost("figure", value, limit),
            "below" => TargetCheck.Below("figure", value, limit),
            _ => TargetCheck.AtLeast("figure", value, limit),
        };

        check.Holds.ShouldBe(holds);
        check.Target.ShouldBe(target);
        check.Figure.ShouldBe("figure");
    }

    [Fact]
    public void The_summary_collects_every_scenario_in_both_forms_and_names_what_does_not_hold()
    {
        var scenarios = new JsonObject
        {
            ["sweep-cost"] = new JsonObject { ["targets"] = new JsonArray(TargetCheck.AtMost("night requests", 7, 5).ToJson()) },
            ["startup"] = new JsonObject { ["targets"] = new JsonArray(new JsonObject { ["target"] = "webhook ready under 1 s", ["measured"] = "0.8 s", ["holds"] = true }) },
            ["no-targets"] = new JsonObject { ["figures"] = 1 },
        };

        var checks = TargetSummary.Collect(scenarios);

        checks.Select(c => (c.Scenario, c.Check.Figure, c.Check.Value, c.Check.Target, c.Check.Holds)).ShouldBe(
        [
            ("sweep-cost", "night requests", "7", "≤ 5", false),
            ("startup", "webhook ready under 1 s", "0.8 s", TargetCheck.StatedInFigure, true),
        ]);
        TargetSummary.ClosingLine(checks).ShouldBe("targets: 1 of 2 hold; not held: sweep-cost: night requests (7, target ≤ 5)");
        TargetSummary.Markdown(checks, "now").ShouldContain("| sweep-cost | night requests | 7 | ≤ 5 | **no** |\n");
    }

    [Fact]
    public void The_summary_goes_before_the_first_section_then_replaces_itself()
    {
        const string Document = "# Benchmarks\n\nIntroduction.\n\n## Sweep cost\n\nrows\n";
        var first = TargetSummary.Place(Document, "## Targets\n\none\n");
        first.ShouldBe("# Benchmarks\n\nIntroduction.\n\n## Targets\n\none\n\n## Sweep cost\n\nrows\n");

        var second = TargetSummary.Place(first, "## Targets\n\ntwo\n");
        second.ShouldBe("# Benchmarks\n\nIntroduction.\n\n## Targets\n\ntwo\n\n## Sweep cost\n\nrows\n");
    }
}
