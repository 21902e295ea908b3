using Tarnfui.Core.Keda;

namespace Tarnfui.Core.Tests.Keda;

public class ScaledObjectRulesTests
{
    // Paused by Tarnfui at 0, its target had 3, a person had set nothing.
    private static readonly ScaledObjectRecord PausedAtZeroFromThree = new(3, 0, null, null);

    public static TheoryData<string, string?, bool, bool, int, int?, string> Cases => new()
    {
        // because, paused-replicas now, recorded, off-hours, downtime count, target count, verdict
        { "working hours, not paused: KEDA scales as it likes", null, false, false, 0, 3, "Leave" },
        { "working hours, a person's own pause: theirs", "2", false, false, 0, 3, "Leave" },
        { "off-hours: paused at the downtime count, the target's count recorded", null, false, true, 0, 3, "Pause 0 from 3" },
        { "off-hours with a downtime count of one", null, false, true, 1, 4, "Pause 1 from 4" },
        { "off-hours, the target below the downtime count: paused where it is, never scaled up", null, false, true, 2, 1, "Pause 1 from 1" },
        { "off-hours, the target at the downtime count: paused there", null, false, true, 2, 2, "Pause 2 from 2" },
        { "off-hours, KEDA had scaled the target to zero: paused anyway, so activation cannot start pods", null, false, true, 0, 0, "Pause 0 from 0" },
        { "off-hours over a person's own pause: paused at the downtime count (theirs is recorded)", "2", false, true, 0, 2, "Pause 0 from 2" },
        { "off-hours, the target's count unknown: nothing written on a guess", null, false, true, 0, null, "Leave" },
        { "paused and still off-hours: nothing to write", "0", true, true, 0, 0, "Leave" },
        { "a person changed the pause tonight: kept until the morning", "5", true, true, 0, 5, "Leave" },
        { "morning, still paused at Tarnfui's count: unpause and put the target back", "0", true, false, 0, 0, "Unpause to 3" },
        { "morning, a person changed the pause: theirs stays, the record goes", "5", true, false, 0, 5, "Forget" },
        { "morning, a person removed the pause: theirs stays, the record goes", null, true, false, 0, 2, "Forget" },
        { "morning, the count is spelt another way: a person's, not Tarnfui's", "00", true, false, 0, 0, "Forget" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Decide_follows_the_table(string because, string? pausedNow, bool recorded, bool offHours, int downtime, int? target, string expected)
    {
        var record = ParseResult<ScaledObjectRecord?>.Ok(recorded ? PausedAtZeroFromThree : null);

        var verdict = ScaledObjectRules.Decide(pausedNow, record, new ScaledObjectPolicy(offHours, downtime, ManualRestore: false, Readable: true), target);

        Describe(verdict).ShouldBe(expected, because);
    }

    public static TheoryData<string, string?, bool, string, string> PolicyCases => new()
    {
        // because, paused-replicas now, recorded, the target's policy, verdict
        { "restore: manual in the morning: held at Tarnfui's pause for a person", "0", true, "working, manual", "Leave" },
        { "restore: manual, a person changed the pause: theirs, the record goes", "5", true, "working, manual", "Forget" },
        { "restore: manual, a person removed the pause: theirs, the record goes", null, true, "working, manual", "Forget" },
        { "restore: manual off-hours: paused as usual", null, false, "off, manual", "Pause 0 from 3" },
        { "restore: manual, still off-hours: nothing to write", "0", true, "off, manual", "Leave" },
        { "an unreadable policy pauses nothing", null, false, "off, unreadable", "Leave" },
        { "an unreadable policy keeps the pause while the global schedule says off-hours", "0", true, "off, unreadable", "Leave" },
        { "an unreadable policy unpauses in the global schedule's working hours", "0", true, "working, unreadable", "Unpause to 3" },
    };

    [Theory, MemberData(nameof(PolicyCases))]
    public void Manual_restore_and_an_unreadable_policy_are_read_as_for_a_Deployment(string because, string? pausedNow, bool recorded, string policy, string expected)
    {
        var record = ParseResult<ScaledObjectRecord?>.Ok(recorded ? PausedAtZeroFromThree : null);
        var read = new ScaledObjectPolicy(policy.StartsWith("off", StringComparison.Ordinal), 0, policy.EndsWith("manual", StringComparison.Ordinal), !policy.EndsWith("unreadable", StringComparison.Ordinal));

        var verdict = ScaledObjectRules.Decide(pausedNow, record, read, 3);

        Describe(verdict).ShouldBe(expected, because);
    }

    [Fact]
    public void An_unreadable_record_leaves_the_ScaledObject_alone_with_its_message()
    {
        var verdict = ScaledObjectRules.Decide("0", ParseResult<ScaledObjectRecord?>.Fail("broken"), new ScaledObjectPolicy(false, 0, false, true), 3);

        verdict.ShouldBe(new ScaledObjectVerdict.Invalid("broken"));
    }

    public static TheoryData<string, Dictionary<string, string>?, string> Records => new()
    {
        { "no annotations", null, "none" },
        { "no record keys", new() { ["team"] = "a" }, "none" },
        { "stopped-at alone is no record", new() { [WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z" }, "none" },
        {
            "a whole record without a person's value",
            new() { [WellKnown.Annotations.OriginalReplicas] = "3", [WellKnown.Annotations.HeldReplicas] = "0", [WellKnown.Annotations.OriginalPausedReplicas] = "unset" },
            "3 0 -"
        },
        {
            "a whole record with a person's value kept verbatim",
            new() { [WellKnown.Annotations.OriginalReplicas] = "3", [WellKnown.Annotations.HeldReplicas] = "1", [WellKnown.Annotations.OriginalPausedReplicas] = "2" },
            "3 1 2"
        },
        {
            "the person's value missing",
            new() { [WellKnown.Annotations.OriginalReplicas] = "3", [WellKnown.Annotations.HeldReplicas] = "0" },
            "error tarnfui.io/original-paused-replicas"
        },
        {
            "the target's count missing",
            new() { [WellKnown.Annotations.HeldReplicas] = "0", [WellKnown.Annotations.OriginalPausedReplicas] = "unset" },
            "error tarnfui.io/original-replicas"
        },
        {
            "the target's count not a count",
            new() { [WellKnown.Annotations.OriginalReplicas] = "three", [WellKnown.Annotations.HeldReplicas] = "0", [WellKnown.Annotations.OriginalPausedReplicas] = "unset" },
            "error tarnfui.io/original-replicas"
        },
    };

    [Theory, MemberData(nameof(Records))]
    public void The_record_is_read_or_named_as_broken(string because, Dictionary<string, string>? annotations, string expected)
    {
        var read = ScaledObjectRecord.Read(annotations);

        var described = !read.IsValid ? "error " + read.Error.Split(' ')[0].TrimEnd(':')
            : read.Value is { } r ? $"{r.TargetReplicas} {r.Paused} {r.PersonPaused ?? "-"}" : "none";
        described.ShouldBe(expected, because);
    }

    private static string Describe(ScaledObjectVerdict verdict) => verdict switch
    {
        ScaledObjectVerdict.Leave => "Leave",
        ScaledObjectVerdict.Pause pause => $"Pause {pause.Replicas} from {pause.TargetReplicas}",
        ScaledObjectVerdict.Unpause unpause => $"Unpause to {unpause.Record.TargetReplicas}",
        ScaledObjectVerdict.Forget => "Forget",
        _ => verdict.ToString(),
    };
}
