using Tarnfui.Core;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Sweeper.Tests.Replicas;

public class ReplicaRulesTests
{
    private const string Original = WellKnown.Annotations.OriginalReplicas;
    private const string Label = WellKnown.Labels.Stopped;

    // case, replicas, downtime replicas, annotations, labels, expected verdict type
    public static TheoryData<string, int, int, string, string, string> OffHoursCases => new()
    {
        { "running workload is scaled down", 3, 0, "", "", nameof(StopVerdict.ScaleDown) },
        { "running above a non-zero downtime count is scaled down", 3, 1, "", "", nameof(StopVerdict.ScaleDown) },
        { "at the downtime count is left alone", 1, 1, "", "", nameof(StopVerdict.AtOrBelowDowntime) },
        { "scaled below the downtime count by a person is left alone", 0, 1, "", "", nameof(StopVerdict.AtOrBelowDowntime) },
        { "stopped workload is not stopped twice", 0, 0, $"{Original}=3", $"{Label}=true", nameof(StopVerdict.AlreadyStopped) },
        { "stopped then scaled up by hand keeps the recorded count", 2, 0, $"{Original}=3", $"{Label}=true", nameof(StopVerdict.AlreadyStopped) },
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
