using Tarnfui.Core.Autoscaling;

namespace Tarnfui.Core.Tests.Autoscaling;

public class AutoscalerRulesTests
{
    private static readonly AutoscalerRecord TwoToFiveHeldAtOne = new(new AutoscalerBounds(2, 5), 1, null);

    public static TheoryData<string, int?, int, bool, int?, string> Cases => new()
    {
        // because, min, max, recorded (2..5 held at 1), target held at, verdict
        { "a running target leaves its HPA alone", 2, 5, false, null, "Leave" },
        { "a target held at 0 is not autoscaled by Kubernetes: the HPA is untouched", 2, 5, false, 0, "Leave" },
        { "a target held at 1 bounds its HPA to 1", 2, 5, false, 1, "Bound 1" },
        { "a target held at 3 bounds its HPA to 3, even inside its range", 2, 5, false, 3, "Bound 3" },
        { "an HPA without minReplicas is bounded too", null, 5, false, 1, "Bound 1" },
        { "bounded and its target still held: nothing to write", 1, 1, true, 1, "Leave" },
        { "a person changed the bounds at night: kept until the morning", 1, 4, true, 1, "Leave" },
        { "its target is no longer held: the bounds go back", 1, 1, true, null, "PutBack 2..5" },
        { "a person raised max while held: their bounds stay, the record goes", 1, 4, true, null, "Forget" },
        { "a person raised min while held: their bounds stay, the record goes", 3, 3, true, null, "Forget" },
        { "a person removed minReplicas while held: theirs stays", null, 1, true, null, "Forget" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Decide_follows_the_table(string because, int? min, int max, bool recorded, int? heldAt, string expected)
    {
        var record = ParseResult<AutoscalerRecord?>.Ok(recorded ? TwoToFiveHeldAtOne : null);

        var verdict = AutoscalerRules.Decide(new AutoscalerBounds(min, max), record, heldAt);

        Describe(verdict).ShouldBe(expected, because);
    }

    [Fact]
    public void An_unreadable_record_leaves_the_HPA_alone_with_its_message()
    {
        var verdict = AutoscalerRules.Decide(new AutoscalerBounds(1, 1), ParseResult<AutoscalerRecord?>.Fail("broken"), null);

        verdict.ShouldBe(new AutoscalerVerdict.Invalid("broken"));
    }

    private static string Describe(AutoscalerVerdict verdict) => verdict switch
    {
        AutoscalerVerdict.Leave => "Leave",
        AutoscalerVerdict.Bound bound => $"Bound {bound.Replicas}",
        AutoscalerVerdict.PutBack putBack => $"PutBack {putBack.Record.Original}",
        AutoscalerVerdict.Forget => "Forget",
        _ => verdict.ToString(),
    };
}
