using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Watching;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// <c>tarnfui.io/sleep-until</c> against the emulator, on the simulated clock: a workload (or every workload of a
/// namespace, CronJobs too) is stopped in working hours, stays stopped through the mornings before the instant, and is
/// restored by the first sweep after it.
/// </summary>
[Collection("Sandbox")]
public class ForcedSleepNightTests(SweeperSandbox sandbox)
{
    // Wednesday 10:00 UTC, in working hours: the sleep ends when the schedule already says run.
    private static readonly Instant SleepEnds = Instant.FromUtc(2026, 11, 25, 10, 0);
    private static readonly string SleepEndsText = AnnotationValues.FormatInstant(SleepEnds);

    [Fact]
    public async Task A_workload_with_sleep_until_is_stopped_at_noon_held_through_the_mornings_and_restored_after_the_instant()
    {
        var ns = await sandbox.NamespaceAsync("sleep-until");
        await sandbox.DeploymentAsync(ns, "frozen", 3, new Dictionary<string, string> { [WellKnown.Annotations.SleepUntil] = SleepEndsText });
        await sandbox.DeploymentAsync(ns, "control", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Noon);
        (await sweeper.SweepAsync()).Stopped.Where(w => w.Namespace == ns).Select(w => w.Name).ShouldBe(["frozen"], "working hours stop only the forced sleep");
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "frozen")).ShouldBe(0);
        (await sandbox.ReplicasAsync(ns, "control")).ShouldBe(2);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        (await sweeper.SweepAsync()).Restored.Where(w => w.Namespace == ns).ShouldBeEmpty("nothing of this namespace was stopped by the evening it had no sweep of");
        sandbox.Server.Clock.SetTo(SleepEnds - Duration.FromMinutes(1));
        (await sweeper.SweepAsync()).Restored.ShouldNotContain(w => w.Namespace == ns && w.Name == "frozen");
        (await sandbox.ReplicasAsync(ns, "frozen")).ShouldBe(0, "a minute before the instant it still sleeps");

        sandbox.Server.Clock.SetTo(SleepEnds);
        (await sweeper.SweepAsync()).Restored.Where(w => w.Namespace == ns).Select(w => w.Name).ShouldBe(["frozen"]);
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "frozen")).ShouldBe(3);
        (await sandbox.ReadAsync(ns, "frozen")).Metadata.Labels.ContainsKey(WellKnown.Labels.Stopped).ShouldBeFalse();
        (await sweeper.SweepAsync()).Stopped.ShouldNotContain(w => w.Namespace == ns, "the expired annotation is ignored, so working hours leave it running");
    }

    [Fact]
    public async Task A_namespace_with_sleep_until_stops_all_its_workloads_and_cronjobs_until_the_instant()
    {
        var ns = await sandbox.NamespaceAsync("sleep-ns", new Dictionary<string, string> { [WellKnown.Annotations.SleepUntil] = SleepEndsText });
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.StatefulSetAsync(ns, "db", 1);
        await sandbox.CronJobAsync(ns, "report", suspend: false);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Noon);
        (await sweeper.SweepAsync()).Stopped.Where(w => w.Namespace == ns).Select(w => w.Name).Order().ShouldBe(["api", "db", "report"]);
        await sandbox.SettledAsync();
        (await sandbox.RunningPodsAsync(ns)).ShouldBe(0);
        (await sandbox.ReadCronJobAsync(ns, "report")).Spec.Suspend.ShouldBe(true);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        (await sweeper.SweepAsync()).Restored.ShouldNotContain(w => w.Namespace == ns);

        sandbox.Server.Clock.SetTo(SleepEnds);
        (await sweeper.SweepAsync()).Restored.Where(w => w.Namespace == ns).Select(w => w.Name).Order().ShouldBe(["api", "db", "report"]);
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(2);
        (await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Spec.Replicas.ShouldBe(1);
        (await sandbox.ReadCronJobAsync(ns, "report")).Spec.Suspend.ShouldBe(false);
    }

    [Fact]
    public async Task A_workload_and_a_cronjob_under_restore_manual_stay_stopped_on_Monday_until_a_person_restores_them()
    {
        var manual = new Dictionary<string, string> { [WellKnown.Annotations.Restore] = WellKnown.Annotations.ManualRestoreValue };
        var ns = await sandbox.NamespaceAsync("restore-manual");
        await sandbox.DeploymentAsync(ns, "batch", 3, manual);
        await sandbox.CronJobAsync(ns, "export", suspend: false, manual);
        await sandbox.DeploymentAsync(ns, "control", 1);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        // Off-hours stop them as usual.
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.Where(w => w.Namespace == ns).Select(w => w.Name).Order().ShouldBe(["batch", "control", "export"]);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        (await sweeper.SweepAsync()).Restored.Where(w => w.Namespace == ns).Select(w => w.Name).ShouldBe(["control"]);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning + Duration.FromDays(6));
        (await sweeper.SweepAsync()).Restored.ShouldNotContain(w => w.Namespace == ns, "a week later, on Monday, still no one restored them");
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "batch")).ShouldBe(0);
        (await sandbox.ReadCronJobAsync(ns, "export")).Spec.Suspend.ShouldBe(true);

        // What kubectl tarnfui restore writes (its own test drives the real plugin): the count back, the record gone.
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(Released("replicas", 3), V1Patch.PatchType.MergePatch), "batch", ns);
        await sandbox.Admin.BatchV1.PatchNamespacedCronJobAsync(new V1Patch(Released("suspend", false), V1Patch.PatchType.MergePatch), "export", ns);
        var after = await sweeper.SweepAsync();
        after.Stopped.ShouldNotContain(w => w.Namespace == ns, "working hours leave what a person brought back");
        (await sandbox.ReplicasAsync(ns, "batch")).ShouldBe(3);
    }

    [Fact]
    public async Task A_restore_value_made_unreadable_while_stopped_is_restored_in_the_morning_with_a_warning()
    {
        var ns = await sandbox.NamespaceAsync("restore-typo");
        await sandbox.DeploymentAsync(ns, "batch", 2, new Dictionary<string, string> { [WellKnown.Annotations.Restore] = WellKnown.Annotations.ManualRestoreValue });
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.ShouldContain(new WorkloadRef(WorkloadKind.Deployment, ns, "batch"));

        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(SweeperSandbox.AnnotationPatch(WellKnown.Annotations.Restore, "manuel"), V1Patch.PatchType.MergePatch), "batch", ns);
        var view = sweeper.Services.GetRequiredService<ClusterView>();
        await Eventually.UntilAsync(
            () => view.StoppedSnapshot(new WorkloadRef(WorkloadKind.Deployment, ns, "batch"))?.Metadata.Annotations?.GetValueOrDefault(WellKnown.Annotations.Restore) == "manuel",
            "the sweeper's view sees the edit");
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        (await sweeper.SweepAsync()).Restored.ShouldContain(new WorkloadRef(WorkloadKind.Deployment, ns, "batch"), "an invalid restore value never keeps a workload down");
        (await sandbox.ReplicasAsync(ns, "batch")).ShouldBe(2);
        (await sandbox.EventsAsync(ns)).ShouldContain(e => e.Type == "Warning" && e.Note.StartsWith("Restored on the global schedule", StringComparison.Ordinal)
            && e.Note.Contains($"{WellKnown.Annotations.Restore}: \"manuel\" is not a restore mode"));
    }

    private static string Released(string field, object value)
    {
        var annotations = new System.Text.Json.Nodes.JsonObject();
        foreach (var key in WellKnown.Annotations.State)
        {
            annotations[key] = null;
        }

        return new System.Text.Json.Nodes.JsonObject
        {
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["annotations"] = annotations, ["labels"] = new System.Text.Json.Nodes.JsonObject { [WellKnown.Labels.Stopped] = null } },
            ["spec"] = new System.Text.Json.Nodes.JsonObject { [field] = System.Text.Json.Nodes.JsonValue.Create(value) },
        }.ToJsonString();
    }
}
