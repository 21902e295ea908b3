using Tarnfui.Core.Replicas;

namespace Tarnfui.Core.Tests.Replicas;

public class SuspendRulesTests
{
    private const string Original = WellKnown.Annotations.OriginalSuspend;
    private const string Label = WellKnown.Labels.Stopped;

    // case, spec.suspend, annotations, labels, expected verdict type
    public static TheoryData<string, bool, string, string, string> OffHoursCases => new()
    {
        { "a running CronJob is suspended", false, "", "", nameof(SuspendVerdict.Suspend) },
        { "a CronJob a person suspended is theirs: not touched", true, "", "", nameof(SuspendVerdict.SuspendedByPerson) },
        { "a foreign annotation is not a record", false, "example.com/team=a", "", nameof(SuspendVerdict.Suspend) },
        { "a label other than true is not Tarnfui's mark", false, "", $"{Label}=false", nameof(SuspendVerdict.Suspend) },
        { "suspended by Tarnfui is not suspended twice", true, $"{Original}=false", $"{Label}=true", nameof(SuspendVerdict.AlreadyStopped) },
        { "the record alone still counts as a stop", true, $"{Original}=false", "", nameof(SuspendVerdict.AlreadyStopped) },
        { "resumed by a person while stopped keeps their choice", false, $"{Original}=false", $"{Label}=true", nameof(SuspendVerdict.ResumedByPerson) },
        { "the label without the value to restore is left alone", true, "", $"{Label}=true", nameof(SuspendVerdict.InvalidState) },
        { "a value to restore that is not a boolean is left alone", true, $"{Original}=yes", $"{Label}=true", nameof(SuspendVerdict.InvalidState) },
        { "a replica record on a CronJob is not a suspend record", true, $"{WellKnown.Annotations.OriginalReplicas}=2", $"{Label}=true", nameof(SuspendVerdict.InvalidState) },
    };

    [Theory, MemberData(nameof(OffHoursCases))]
    public void ForOffHours_follows_the_table(string because, bool suspended, string annotations, string labels, string expected)
    {
        var state = SuspendState.Read(StoppedStateTests.Map(annotations), StoppedStateTests.Map(labels));

        SuspendRules.ForOffHours(suspended, state).GetType().Name.ShouldBe(expected, because);
    }

    // case, spec.suspend now, recorded value, expected verdict
    public static TheoryData<string, bool, bool, string> RestoreCases => new()
    {
        { "still suspended as the stop left it: the recorded false comes back", true, false, "PutBack(False)" },
        { "a record a person set to true keeps it suspended", true, true, "PutBack(True)" },
        { "resumed by a person while stopped: their choice stays, the record goes", false, false, nameof(ResumeVerdict.Forget) },
        { "resumed by a person even with a recorded true: their choice stays", false, true, nameof(ResumeVerdict.Forget) },
    };

    [Theory, MemberData(nameof(RestoreCases))]
    public void ForRestore_follows_the_table(string because, bool suspended, bool recorded, string expected)
    {
        var verdict = SuspendRules.ForRestore(suspended, new SuspendState(recorded, null));

        (verdict is ResumeVerdict.PutBack back ? $"PutBack({back.Suspend})" : verdict.GetType().Name).ShouldBe(expected, because);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void The_record_reads_back_the_value_it_formats(string text, bool value)
    {
        SuspendState.Format(value).ShouldBe(text);
        SuspendState.Read(new Dictionary<string, string> { [Original] = text, [WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z" }, null)
            .Value.ShouldBe(new SuspendState(value, NodaTime.Instant.FromUtc(2026, 11, 23, 19, 0)));
    }

    [Fact]
    public void An_unreadable_record_names_the_key_and_a_valid_example()
    {
        var error = SuspendState.Read(new Dictionary<string, string> { [Original] = "yes" }, null).Error.ShouldNotBeNull();

        error.ShouldContain($"{Original} is \"yes\"");
        error.ShouldContain($"{Original}: \"false\"");
    }
}
