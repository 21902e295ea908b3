using NodaTime;
using Tarnfui.Cli.Cluster.Restore;
using Tarnfui.Cli.Cluster.Sleep;
using Tarnfui.Cli.Cluster.Status;
using Tarnfui.Cli.Cluster.Wake;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Replicas;
using static Tarnfui.Cli.Tests.Cluster.TestWorkloads;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>sleep, wake, restore and status on a CronJob, by the sweeper's suspend rules: one row per state it can be in.</summary>
public class CronJobDecisionTests
{
    private static readonly Instant Until = Night + Duration.FromHours(2);
    private static readonly string OriginalSuspend = JsonPointer.Annotation(WellKnown.Annotations.OriginalSuspend);
    private static readonly string StoppedAt = JsonPointer.Annotation(WellKnown.Annotations.StoppedAt);
    private static readonly string StoppedLabel = JsonPointer.Label(WellKnown.Labels.Stopped);
    private static readonly string ExcludeUntil = JsonPointer.Annotation(WellKnown.Annotations.ExcludeUntil);

    private static string Describe(WorkloadChange change) => change switch
    {
        WorkloadChange.Patch p => "patch: " + string.Join(" | ", p.Operations.Select(o => $"{o!["op"]} {o["path"]}{(o["value"] is { } v ? " " + v.ToJsonString() : string.Empty)}")),
        WorkloadChange.Unchanged u => $"unchanged: {u.Why}",
        WorkloadChange.Refused r => $"refused: {r.Why}",
        _ => throw new InvalidOperationException("unknown change"),
    };

    private static Workload Broken() => CronJob(true) with
    {
        Metadata = new WorkloadMetadata(
            new Dictionary<string, string> { [WellKnown.Annotations.OriginalSuspend] = "maybe" },
            new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" }),
    };

    // (because, spec.suspend, Tarnfui's record of the original value or null, what sleep does)
    public static TheoryData<string, bool, bool?, string> Sleeps => new()
    {
        {
            "a running CronJob is suspended with the record, behind the tests of what was read",
            false, null,
            "patch: test /metadata/resourceVersion \"42\" | test /spec/suspend false | add /spec/suspend true | add /metadata/annotations {\"tarnfui.io/original-suspend\":\"false\",\"tarnfui.io/stopped-at\":\"2026-11-23T22:00:00Z\"} | add /metadata/labels {\"tarnfui.io/stopped\":\"true\"}"
        },
        { "one Tarnfui suspended stays as it is", true, false, "unchanged: unchanged: already suspended by Tarnfui" },
        { "one a person suspended is theirs", true, null, "unchanged: unchanged: already suspended by a person (Tarnfui leaves it to them)" },
        { "a person's resume overnight wins", false, false, "unchanged: unchanged: a person resumed it while Tarnfui held it, and their choice wins (restore removes the record)" },
    };

    [Theory, MemberData(nameof(Sleeps))]
    public void Sleep_suspends_as_the_sweeper_does(string because, bool suspend, bool? record, string expected) =>
        Describe(SleepCommand.Decide(CronJob(suspend, record), null, DefaultResolver, Night)).ShouldBe(expected, because);

    [Fact]
    public void Sleep_of_a_woken_cronjob_ends_the_wake_in_the_same_patch()
    {
        var woken = CronJob(false, more: new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-24T01:00:00Z" });

        var change = Describe(SleepCommand.Decide(woken, null, DefaultResolver, Night));

        change.ShouldStartWith("patch: test /metadata/resourceVersion \"42\" | test ");
        change.ShouldContain($"add {OriginalSuspend} \"false\"");
        change.ShouldEndWith($"remove {ExcludeUntil}");
    }

    [Fact]
    public void Sleep_refuses_a_cronjob_whose_record_cannot_be_read() =>
        Describe(SleepCommand.Decide(Broken(), null, DefaultResolver, Night)).ShouldStartWith("refused: not suspended: tarnfui.io/original-suspend is \"maybe\"");

    // (because, spec.suspend, record, what restore does)
    public static TheoryData<string, bool, bool?, string> Restores => new()
    {
        {
            "suspended by Tarnfui: resumed to the recorded false, the record removed, behind tests of suspend and the record",
            true, false,
            $"patch: test /metadata/resourceVersion \"42\" | test /spec/suspend true | test {OriginalSuspend} \"false\" | add /spec/suspend false | remove {StoppedAt} | remove {OriginalSuspend} | remove {StoppedLabel}"
        },
        {
            "a recorded true is put back as true",
            true, true,
            $"patch: test /metadata/resourceVersion \"42\" | test /spec/suspend true | test {OriginalSuspend} \"true\" | add /spec/suspend true | remove {StoppedAt} | remove {OriginalSuspend} | remove {StoppedLabel}"
        },
        {
            "resumed by a person: their false stays, only the record goes",
            false, false,
            $"patch: test /metadata/resourceVersion \"42\" | remove {StoppedAt} | remove {OriginalSuspend} | remove {StoppedLabel}"
        },
        { "suspended by a person: not Tarnfui's to resume", true, null, "unchanged: unchanged: not stopped by Tarnfui" },
        { "running: nothing to restore", false, null, "unchanged: unchanged: not stopped by Tarnfui" },
    };

    [Theory, MemberData(nameof(Restores))]
    public void Restore_resumes_to_the_record_and_keeps_a_persons_resume(string because, bool suspend, bool? record, string expected) =>
        Describe(RestoreCommand.Decide(CronJob(suspend, record), null)).ShouldBe(expected, because);

    [Fact]
    public void Restore_refuses_a_cronjob_whose_record_cannot_be_read() =>
        Describe(RestoreCommand.Decide(Broken(), null)).ShouldStartWith("refused: not restored: tarnfui.io/original-suspend is \"maybe\"");

    // (because, spec.suspend, record, the message, whether spec.suspend is written and to what)
    public static TheoryData<string, bool, bool?, string, string?> Wakes => new()
    {
        { "suspended by Tarnfui: resumed and excluded", true, false, "woken until 2026-11-24T00:00:00Z: suspend true -> false", "add /spec/suspend false" },
        { "resumed by a person: the record goes, their resume stays", false, false, "woken until 2026-11-24T00:00:00Z: suspend left false: someone resumed it while Tarnfui held it", null },
        { "running: only excluded", false, null, "woken until 2026-11-24T00:00:00Z: not suspended", null },
        { "suspended by a person: excluded, and still theirs", true, null, "woken until 2026-11-24T00:00:00Z: suspended by a person; it stays suspended", null },
    };

    [Theory, MemberData(nameof(Wakes))]
    public void Wake_resumes_what_Tarnfui_suspended_and_excludes_until_then(string because, bool suspend, bool? record, string message, string? suspendWrite)
    {
        var change = WakeCommand.Decide(CronJob(suspend, record), null, Until).ShouldBeOfType<WorkloadChange.Patch>(because);

        change.Done.ShouldBe(message, because);
        var ops = Describe(change);
        ops.ShouldEndWith($"add {ExcludeUntil} \"2026-11-24T00:00:00Z\"", Case.Sensitive, because);
        if (suspendWrite is null)
        {
            ops.ShouldNotContain("add /spec/suspend", Case.Sensitive, because);
        }
        else
        {
            ops.ShouldContain(suspendWrite, Case.Sensitive, because);
        }
    }

    // (because, spec.suspend, record, the state status shows, whether a back-at is given)
    public static TheoryData<string, bool, bool?, string, bool> States => new()
    {
        { "running", false, null, "running", false },
        { "Tarnfui's suspend comes back at the next working hours", true, false, "suspended-by-tarnfui", true },
        { "a person's suspend never comes back by Tarnfui", true, null, "suspended-by-person", false },
        { "a person's resume overnight", false, false, "resumed-by-person", false },
    };

    [Theory, MemberData(nameof(States))]
    public void Status_says_who_holds_each_cronjob(string because, bool suspend, bool? record, string state, bool comesBack)
    {
        var cronJob = CronJob(suspend, record);
        var decision = DefaultResolver.Resolve(cronJob.Ref, cronJob.Annotations, false, null, Night);

        var row = CronJobRow.Create(cronJob, decision, Night);

        row.StateKey.ShouldBe(state, because);
        row.BackAt.ShouldBe(comesBack ? Instant.FromUtc(2026, 11, 24, 7, 0) : null, because);
    }

    [Fact]
    public void Status_row_of_an_unreadable_record_says_why()
    {
        var cronJob = Broken();
        var row = CronJobRow.Create(cronJob, DefaultResolver.Resolve(cronJob.Ref, cronJob.Annotations, false, null, Night), Night);

        row.State.ShouldBe(CronJobState.InvalidRecord);
        row.Problem.ShouldNotBeNull().ShouldContain("\"maybe\"");
    }
}
