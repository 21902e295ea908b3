using k8s;
using k8s.Models;
using NodaTime;
using NodaTime.Testing;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// The morning brings back exactly what was stopped, whatever the night did to the annotations: each case is one
/// way issue 14 found to lose a count or keep a workload down.
/// </summary>
[Collection("Sandbox")]
public class MorningGuaranteeTests(SweeperSandbox sandbox)
{
    // case, downtime-replicas on the workload at the stop, what the night changes, where ("workload" or "namespace"), value (null: removed)
    public static TheoryData<string, string?, string, string, string?> PolicyChanges => new()
    {
        { "downtime-replicas set on the workload at night", null, WellKnown.Annotations.DowntimeReplicas, "workload", "1" },
        { "downtime-replicas set on the namespace at night", null, WellKnown.Annotations.DowntimeReplicas, "namespace", "1" },
        { "downtime-replicas removed from a workload held at 2", "2", WellKnown.Annotations.DowntimeReplicas, "workload", null },
        { "exclude=maybe on the workload at night", null, WellKnown.Annotations.Exclude, "workload", "maybe" },
        { "exclude-until=tomorrow on the workload at night", null, WellKnown.Annotations.ExcludeUntil, "workload", "tomorrow" },
        { "an unreadable uptime on the namespace at night", null, WellKnown.Annotations.Uptime, "namespace", "Mon-Fri 7:00-19:00" },
        { "an unreadable downtime-replicas on the namespace at night", null, WellKnown.Annotations.DowntimeReplicas, "namespace", "lots" },
    };

    [Theory, MemberData(nameof(PolicyChanges))]
    public async Task A_policy_changed_at_night_never_loses_the_count_nor_keeps_the_workload_down(string because, string? downtimeReplicas, string key, string scope, string? value)
    {
        var ns = await sandbox.NamespaceAsync("night-policy");
        await sandbox.DeploymentAsync(ns, "web1", 4, downtimeReplicas is null ? null : new Dictionary<string, string> { [WellKnown.Annotations.DowntimeReplicas] = downtimeReplicas });
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.ShouldContain(w => w.Namespace == ns, because);

        var patch = SweeperSandbox.AnnotationPatch(key, value);
        if (scope == "namespace")
        {
            await sandbox.Admin.CoreV1.PatchNamespaceAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), ns);
        }
        else
        {
            await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), "web1", ns);
        }

        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        await sweeper.SweepAsync();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();

        morning.Restored.ShouldContain(w => w.Namespace == ns && w.Name == "web1", because);
        var web1 = await sandbox.ReadAsync(ns, "web1");
        web1.Spec.Replicas.ShouldBe(4, because);
        web1.Metadata.Labels.ContainsKey(WellKnown.Labels.Stopped).ShouldBeFalse(because);
        WellKnown.Annotations.State.ShouldAllBe(k => web1.Metadata.Annotations == null || !web1.Metadata.Annotations.ContainsKey(k), because);
        (await sandbox.EventsAsync(ns)).ShouldNotContain(e => e.Reason == WellKnown.EventReasons.RestoreSkipped, because);
    }

    [Fact]
    public async Task An_unreadable_annotation_set_aside_for_the_global_schedule_is_said_in_a_warning_event()
    {
        var ns = await sandbox.NamespaceAsync("night-invalid");
        await sandbox.DeploymentAsync(ns, "web1", 4);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(SweeperSandbox.AnnotationPatch(WellKnown.Annotations.Exclude, "maybe"), V1Patch.PatchType.MergePatch), "web1", ns);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        await sweeper.SweepAsync();
        (await sandbox.ReplicasAsync(ns, "web1")).ShouldBe(0, "the global schedule still says off-hours");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        await sweeper.SweepAsync();

        var warnings = (await sandbox.EventsAsync(ns)).Where(e => e.Type == "Warning" && e.Reason == WellKnown.EventReasons.InvalidSchedule).Select(e => e.Note).ToList();
        warnings.ShouldContain(note => note.Contains("global schedule", StringComparison.Ordinal) && note.Contains(WellKnown.Annotations.Exclude, StringComparison.Ordinal));
        sweeper.Metrics.ScheduleErrors.WithLabels("Deployment").Value.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_sweep_that_runs_past_the_start_of_working_hours_decides_with_the_time_of_each_decision()
    {
        var ns = await sandbox.NamespaceAsync("late-sweep");
        await sandbox.DeploymentAsync(ns, "web1", 2);
        await sandbox.SettledAsync();

        // The sweep starts a minute before working hours; each later reading of the clock is a minute further on, as
        // under retries and rate limits: every decision after the first reading is made in working hours.
        var clock = new FakeClock(SweeperSandbox.Morning.Minus(Duration.FromHours(1)).Minus(Duration.FromMinutes(1)), Duration.FromMinutes(1));
        await using var sweeper = TestSweeper.Create(sandbox.Server, clock);

        var sweep = await sweeper.SweepAsync();

        sweep.At.ShouldBeLessThan(SweeperSandbox.Morning.Minus(Duration.FromHours(1)), "the sweep began in off-hours");
        sweep.Stopped.ShouldNotContain(w => w.Namespace == ns);
        (await sandbox.ReplicasAsync(ns, "web1")).ShouldBe(2);
    }

    [Fact]
    public async Task A_sweeper_with_no_owner_known_stops_each_workload_right_after_reading_its_replica_set()
    {
        var ns = await sandbox.NamespaceAsync("cold-start");
        foreach (var name in (string[])["a", "b", "c"])
        {
            await sandbox.DeploymentAsync(ns, name, 1);
        }

        await sandbox.SettledAsync();

        // Without the watch of the running ReplicaSets, which would tell every owner before the first pod page.
        await using var sweeper = TestSweeper.Create(sandbox.Server, settings: "--Sweeper:Watch=false");
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var before = sandbox.Server.Stats.LastSequence;

        await sweeper.SweepAsync();

        var requests = sandbox.Server.Stats.Requests()
            .Where(r => r.Sequence > before && r.User == EmulatorUsers.Sweeper && r.Namespace == ns && r.Verb is "get" or "patch")
            .OrderBy(r => r.Sequence)
            .Select(r => $"{r.Verb} {r.Resource}")
            .ToList();
        requests.ShouldBe(["get replicasets", "patch deployments", "get replicasets", "patch deployments", "get replicasets", "patch deployments"],
            "a sweeper killed after its first read still made a stop");
    }
}
