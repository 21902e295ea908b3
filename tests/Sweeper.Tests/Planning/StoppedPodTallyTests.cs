using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

public class StoppedPodTallyTests
{
    private static readonly WorkloadRef Db = new(WorkloadKind.StatefulSet, "shop", "db");

    // case, live pods, pods being deleted, record annotations, raised
    public static TheoryData<string, int, int, string, bool> Cases => new()
    {
        { "no pod at its held count of zero", 0, 0, $"{WellKnown.Annotations.OriginalReplicas}=3;{WellKnown.Annotations.HeldReplicas}=0", false },
        { "as many pods as its held count", 2, 0, $"{WellKnown.Annotations.OriginalReplicas}=3;{WellKnown.Annotations.HeldReplicas}=2", false },
        { "more pods than its held count: raised", 3, 0, $"{WellKnown.Annotations.OriginalReplicas}=3;{WellKnown.Annotations.HeldReplicas}=2", true },
        { "pods still terminating after the stop are not counted", 0, 3, $"{WellKnown.Annotations.OriginalReplicas}=3;{WellKnown.Annotations.HeldReplicas}=0", false },
        { "an old record without a held count is never taken as raised", 3, 0, $"{WellKnown.Annotations.OriginalReplicas}=3", false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Raised_counts_live_pods_against_the_held_count(string because, int live, int deleting, string record, bool raised)
    {
        var stopped = Pods.Deployment("shop", "db", null, StopPlannerTests.Map(record), new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" }) with { Ref = Db };
        var pods = Enumerable.Range(0, live).Select(i => Pods.Owned("shop", $"db-{i}", "StatefulSet", "db", "sts-db"))
            .Concat(Enumerable.Range(0, deleting).Select(i => Deleting(Pods.Owned("shop", $"db-old-{i}", "StatefulSet", "db", "sts-db"))));
        var tally = new StoppedPodTally();

        // Split over two pages: the count is over the whole walk.
        var all = pods.Select(RunningPod.Of).ToList();
        tally.Add(all.Take(1), new OwnerCache(), w => w == Db);
        tally.Add(all.Skip(1), new OwnerCache(), w => w == Db);

        tally.Raised(w => w == Db ? stopped : null).Any().ShouldBe(raised, because);
    }

    [Fact]
    public void Pods_listed_after_this_walk_stopped_their_workload_are_not_counted()
    {
        var stopped = Pods.Deployment("shop", "db", null, StopPlannerTests.Map($"{WellKnown.Annotations.OriginalReplicas}=3;{WellKnown.Annotations.HeldReplicas}=0"), new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" }) with { Ref = Db };
        var tally = new StoppedPodTally();

        // The walk stops db on its first page; the later pages come from the list's snapshot, taken before the stop.
        tally.Stopping(Db);
        tally.Add(RunningPod.Page([Pods.Owned("shop", "db-1", "StatefulSet", "db", "sts-db"), Pods.Owned("shop", "db-2", "StatefulSet", "db", "sts-db")]), new OwnerCache(), w => w == Db);

        tally.Raised(w => w == Db ? stopped : null).ShouldBeEmpty();
    }

    [Fact]
    public void Pods_of_running_workloads_are_not_counted()
    {
        var tally = new StoppedPodTally();
        tally.Add([RunningPod.Of(Pods.Owned("shop", "db-0", "StatefulSet", "db", "sts-db"))], new OwnerCache(), _ => false);

        tally.Raised(_ => throw new InvalidOperationException("only stopped workloads are looked up")).ShouldBeEmpty();
    }

    private static V1ObjectMeta Deleting(V1ObjectMeta pod)
    {
        pod.DeletionTimestamp = new DateTime(2026, 11, 23, 19, 0, 0, DateTimeKind.Utc);
        return pod;
    }
}
