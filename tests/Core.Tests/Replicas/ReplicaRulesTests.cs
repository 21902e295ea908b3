using Tarnfui.Core.Replicas;

namespace Tarnfui.Core.Tests.Replicas;

public class ReplicaRulesTests
{
    private const string Original = WellKnown.Annotations.OriginalReplicas;
    private const string Label = WellKnown.Labels.Stopped;
    private const string Held = WellKnown.Annotations.HeldReplicas;

    // case, replicas, downtime replicas, annotations, labels, expected verdict type
    public static TheoryData<string, int, int, string, string, string> OffHoursCases => new()
    {
        { "running workload is scaled down", 3, 0, "", "", nameof(StopVerdict.ScaleDown) },
        { "running above a non-zero downtime count is scaled down", 3, 1, "", "", nameof(StopVerdict.ScaleDown) },
        { "at the downtime count is left alone", 1, 1, "", "", nameof(StopVerdict.AtOrBelowDowntime) },
        { "scaled below the downtime count by a person is left alone", 0, 1, "", "", nameof(StopVerdict.AtOrBelowDowntime) },
        { "stopped workload is not stopped twice", 0, 0, $"{Original}=3", $"{Label}=true", nameof(StopVerdict.AlreadyStopped) },
        { "an old record (no held count) raised by hand keeps the recorded count", 2, 0, $"{Original}=3", $"{Label}=true", nameof(StopVerdict.AlreadyStopped) },
        { "raised above the held count while stopped is stopped again", 2, 0, $"{Original}=3;{Held}=0", $"{Label}=true", nameof(StopVerdict.ScaleDown) },
        { "at its held count is not stopped twice", 2, 2, $"{Original}=3;{Held}=2", $"{Label}=true", nameof(StopVerdict.AlreadyStopped) },
        { "lowered below the held count by a person is left alone", 1, 2, $"{Original}=3;{Held}=2", $"{Label}=true", nameof(StopVerdict.AlreadyStopped) },
        { "above the held count but not above today's downtime count is left alone", 1, 1, $"{Original}=3;{Held}=0", $"{Label}=true", nameof(StopVerdict.AlreadyStopped) },
        { "unreadable state is left alone", 3, 0, $"{Original}=lots", $"{Label}=true", nameof(StopVerdict.InvalidState) },
    };

    [Theory, MemberData(nameof(OffHoursCases))]
    public void ForOffHours_follows_the_table(string because, int replicas, int downtime, string annotations, string labels, string expected)
    {
        var state = StoppedState.Read(StoppedStateTests.Map(annotations), StoppedStateTests.Map(labels));

        ReplicaRules.ForOffHours(replicas, downtime, state).GetType().Name.ShouldBe(expected, because);
    }

    [Theory]
    [InlineData("held at zero comes back to the original", 0, 0, 3, 3)]
    [InlineData("held at the non-zero downtime count comes back", 1, 1, 4, 4)]
    [InlineData("latest intent recorded by the webhook comes back", 0, 0, 7, 7)]
    public void ForRestore_restores_an_untouched_count(string because, int replicas, int downtime, int original, int expected) =>
        ReplicaRules.ForRestore(replicas, downtime, new StoppedState(original, null))
            .ShouldBeOfType<RestoreVerdict.Restore>(because).Replicas.ShouldBe(expected, because);

    [Theory]
    [InlineData("scaled up by hand during the night", 2, 0)]
    [InlineData("scaled to zero by hand below a downtime count of one", 0, 1)]
    public void ForRestore_respects_a_count_changed_while_stopped(string because, int replicas, int downtime) =>
        ReplicaRules.ForRestore(replicas, downtime, new StoppedState(5, null)).ShouldBeOfType<RestoreVerdict.Forget>(because);

    [Fact]
    public void A_workload_raised_while_stopped_is_stopped_from_its_new_count_to_the_downtime_count()
    {
        var state = StoppedState.Read(StoppedStateTests.Map($"{Original}=3;{Held}=0"), StoppedStateTests.Map($"{Label}=true"));

        ReplicaRules.ForOffHours(5, 1, state).ShouldBe(new StopVerdict.ScaleDown(5, 1));
    }

    // case, held count on the record ("" = an old record without one), workload downtime-replicas, namespace downtime-replicas, expected
    [Theory]
    [InlineData("the record's held count wins over a changed workload annotation", "0", "1", "", 0)]
    [InlineData("the record's held count wins over a changed namespace annotation", "2", "", "1", 2)]
    [InlineData("the record's held count stays when the annotation is removed", "2", "", "", 2)]
    [InlineData("an old record falls back to today's annotation", "", "1", "", 1)]
    [InlineData("an old record with an unreadable annotation falls back to the global 0", "", "lots", "", 0)]
    public void HeldAt_reads_the_count_the_stop_set(string because, string held, string workload, string ns, int expected)
    {
        var state = new StoppedState(4, null, held.Length == 0 ? null : int.Parse(held, System.Globalization.CultureInfo.InvariantCulture));

        ReplicaRules.HeldAt(state, Downtime(workload), Downtime(ns)).ShouldBe(expected, because);
    }

    [Theory]
    [InlineData("nothing set is zero", "", "", 0)]
    [InlineData("namespace sets it", "", "2", 2)]
    [InlineData("workload wins over namespace", "1", "2", 1)]
    public void DowntimeReplicas_takes_the_most_specific_value(string because, string workload, string ns, int expected)
    {
        var result = ReplicaRules.DowntimeReplicas(Downtime(workload), Downtime(ns));

        result.Value.ShouldBe(expected, because);
    }

    [Fact]
    public void DowntimeReplicas_reports_an_unreadable_value() =>
        ReplicaRules.DowntimeReplicas(Downtime("x"), null).Error!.ShouldContain(WellKnown.Annotations.DowntimeReplicas);

    private static Dictionary<string, string>? Downtime(string value) =>
        value.Length == 0 ? null : new Dictionary<string, string> { [WellKnown.Annotations.DowntimeReplicas] = value };
}
