using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Cli.Cluster.Restore;
using Tarnfui.Cli.Cluster.Sleep;
using Tarnfui.Cli.Cluster.Wake;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using static Tarnfui.Cli.Tests.Cluster.TestWorkloads;

namespace Tarnfui.Cli.Tests.Cluster;

public class ChangeDecisionTests
{
    private static readonly Instant Until = Night + Duration.FromHours(2);

    private static string[] Ops(WorkloadChange change)
    {
        var patch = change.ShouldBeOfType<WorkloadChange.Patch>();
        return [.. patch.Operations.Select(o => $"{o!["op"]} {o["path"]}{(o["value"] is { } v ? " " + v.ToJsonString() : string.Empty)}")];
    }

    private static string Annotation(string key) => JsonPointer.Annotation(key);

    [Fact]
    public void Wake_of_a_stopped_workload_restores_and_excludes_in_one_patch_behind_the_resourceVersion_test()
    {
        var change = WakeCommand.Decide(Stopped(replicas: 0, original: 3), null, Until);

        Ops(change).ShouldBe(
        [
            "test /metadata/resourceVersion \"42\"",
            "replace /spec/replicas 3",
            $"remove {Annotation(WellKnown.Annotations.OriginalReplicas)}",
            $"remove {Annotation(WellKnown.Annotations.StoppedAt)}",
            $"remove {JsonPointer.Label(WellKnown.Labels.Stopped)}",
            $"add {Annotation(WellKnown.Annotations.ExcludeUntil)} \"2026-11-24T00:00:00Z\"",
        ]);
        ((WorkloadChange.Patch)change).Done.ShouldBe("woken until 2026-11-24T00:00:00Z: 0 -> 3 replicas");
    }

    [Fact]
    public void Wake_of_a_running_workload_without_annotations_creates_the_map_and_only_excludes()
    {
        Ops(WakeCommand.Decide(Running(2), null, Until)).ShouldBe(
        [
            "test /metadata/resourceVersion \"42\"",
            "add /metadata/annotations {}",
            $"add {Annotation(WellKnown.Annotations.ExcludeUntil)} \"2026-11-24T00:00:00Z\"",
        ]);
    }

    [Fact]
    public void Wake_keeps_a_count_someone_changed_while_stopped_and_only_removes_the_record()
    {
        var change = WakeCommand.Decide(Stopped(replicas: 5, original: 3), null, Until);

        Ops(change).ShouldNotContain(op => op.Contains("/spec/replicas", StringComparison.Ordinal));
        ((WorkloadChange.Patch)change).Done.ShouldContain("replicas left at 5");
    }

    [Fact]
    public void Wake_restores_to_the_original_when_held_at_the_namespace_downtime_replicas()
    {
        var ns = new Dictionary<string, string> { [WellKnown.Annotations.DowntimeReplicas] = "1" };

        Ops(WakeCommand.Decide(Stopped(replicas: 1, original: 4), ns, Until)).ShouldContain("replace /spec/replicas 4");
    }

    [Theory]
    [InlineData("downtime-replicas set on the workload after the stop", "workload")]
    [InlineData("downtime-replicas set on the namespace after the stop", "namespace")]
    public void Wake_restores_the_count_when_only_the_policy_changed_since_the_stop(string because, string where)
    {
        Dictionary<string, string> downtime = new() { [WellKnown.Annotations.DowntimeReplicas] = "1" };
        var held = new Dictionary<string, string> { [WellKnown.Annotations.HeldReplicas] = "0" };
        var workload = Stopped(replicas: 0, original: 4, where == "workload" ? new(held.Concat(downtime)) : held);

        var change = WakeCommand.Decide(workload, where == "namespace" ? downtime : null, Until);

        Ops(change).ShouldContain("replace /spec/replicas 4", because);
        ((WorkloadChange.Patch)change).Done.ShouldContain("0 -> 4 replicas", Case.Sensitive, because);
    }

    [Fact]
    public void Wake_refuses_a_workload_whose_record_cannot_be_trusted()
    {
        var labelledOnly = Running(0, labels: new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" });

        WakeCommand.Decide(labelledOnly, null, Until).ShouldBeOfType<WorkloadChange.Refused>().Why.ShouldContain(WellKnown.Annotations.OriginalReplicas);
    }

    [Fact]
    public void Sleep_off_hours_stops_as_the_sweeper_does()
    {
        var change = SleepCommand.Decide(Running(3), null, DefaultResolver, Night);

        Ops(change).ShouldBe(
        [
            "test /metadata/resourceVersion \"42\"",
            "replace /spec/replicas 0",
            $"add {JsonPointer.Annotations} {{\"{WellKnown.Annotations.OriginalReplicas}\":\"3\",\"{WellKnown.Annotations.HeldReplicas}\":\"0\",\"{WellKnown.Annotations.StoppedAt}\":\"2026-11-23T22:00:00Z\"}}",
            $"add {JsonPointer.Labels} {{\"{WellKnown.Labels.Stopped}\":\"true\"}}",
        ]);
    }

    [Fact]
    public void Sleep_ends_a_wake_up_by_removing_the_workloads_exclude_until_in_the_same_patch()
    {
        var woken = Running(3, new Dictionary<string, string> { [WellKnown.Annotations.ExcludeUntil] = AnnotationValues.FormatInstant(Until) });

        Ops(SleepCommand.Decide(woken, null, DefaultResolver, Night)).ShouldContain($"remove {Annotation(WellKnown.Annotations.ExcludeUntil)}");
    }

    [Fact]
    public void Sleep_in_working_hours_stops_and_warns_that_the_sweeper_will_restore_it()
    {
        var change = SleepCommand.Decide(Running(3), null, DefaultResolver, Day).ShouldBeOfType<WorkloadChange.Patch>();

        change.Done.ShouldStartWith("stopped: 3 -> 0 replicas; it is working hours, so the sweeper restores it at its next sweep");
    }

    public static TheoryData<string, Dictionary<string, string>?, Dictionary<string, string>?, bool, string> Refusals => new()
    {
        { "excluded by its namespace", null, new() { [WellKnown.Annotations.Exclude] = "true" }, false, "not stopped: tarnfui.io/exclude=true on the namespace" },
        { "woken by its namespace", null, new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-24T06:00:00Z" }, false, "on the namespace" },
        { "excluded on the workload", new() { [WellKnown.Annotations.Exclude] = "true" }, null, false, "tarnfui.io/exclude=true on the workload" },
        { "owned by an operator", null, null, true, "owned by a controller" },
        { "an invalid schedule", new() { [WellKnown.Annotations.Uptime] = "Mon-Fri 25:00-26:00" }, null, false, "never stops a workload" },
    };

    [Theory, MemberData(nameof(Refusals))]
    public void Sleep_refuses_what_the_sweeper_would_not_stop(string because, Dictionary<string, string>? annotations, Dictionary<string, string>? ns, bool operatorOwned, string message) =>
        SleepCommand.Decide(Running(3, annotations, operatorOwned), ns, DefaultResolver, Night)
            .ShouldBeOfType<WorkloadChange.Refused>(because).Why.ShouldContain(message, Case.Sensitive, because);

    [Fact]
    public void Sleep_by_selector_skips_an_excluded_workload_instead_of_failing()
    {
        var ns = new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "true" };

        SleepCommand.Decide(Running(3), ns, DefaultResolver, Night, bulk: true).ShouldBeOfType<WorkloadChange.Unchanged>().Why.ShouldStartWith("skipped: ");
    }

    [Fact]
    public void Sleep_leaves_a_workload_already_at_its_downtime_replicas()
    {
        var ns = new Dictionary<string, string> { [WellKnown.Annotations.DowntimeReplicas] = "1" };

        SleepCommand.Decide(Running(1), ns, DefaultResolver, Night).ShouldBeOfType<WorkloadChange.Unchanged>().Why.ShouldContain("not above its downtime replicas (1)");
    }

    [Fact]
    public void Sleep_leaves_a_workload_already_stopped() =>
        SleepCommand.Decide(Stopped(0, 3), null, DefaultResolver, Night).ShouldBeOfType<WorkloadChange.Unchanged>().Why.ShouldContain("already stopped by Tarnfui (original 3 replicas)");

    [Fact]
    public void Restore_puts_the_original_back_and_removes_the_record_without_excluding()
    {
        var ops = Ops(RestoreCommand.Decide(Stopped(0, 3), null));

        ops.ShouldContain("replace /spec/replicas 3");
        ops.ShouldNotContain(op => op.Contains(JsonPointer.Escape(WellKnown.Annotations.ExcludeUntil), StringComparison.Ordinal));
    }

    [Fact]
    public void Restore_leaves_a_workload_tarnfui_did_not_stop() =>
        RestoreCommand.Decide(Running(3), null).ShouldBeOfType<WorkloadChange.Unchanged>();

    [Fact]
    public void Every_patch_is_a_json_array_of_operations_the_api_server_reads()
    {
        var json = ((WorkloadChange.Patch)SleepCommand.Decide(Running(3), null, DefaultResolver, Night)).Operations.ToJsonString();

        JsonNode.Parse(json).ShouldBeOfType<JsonArray>().Count.ShouldBe(4);
    }
}
