using k8s;
using k8s.Models;
using Tarnfui.Core;

namespace Tarnfui.Sweeper.Tests.Integration;

[Collection("Sandbox")]
public class NightChangesTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task A_scale_up_during_the_night_through_the_webhook_comes_back_with_the_latest_intent()
    {
        var ns = await sandbox.NamespaceAsync("intent");
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();

        // What the webhook's zero mode writes for "kubectl apply replicas: 5" at night: replicas stay at the
        // downtime value, original-replicas records the new intent.
        await PatchAsync(ns, "api", $$$"""{"metadata":{"annotations":{"{{{WellKnown.Annotations.OriginalReplicas}}}":"5"}},"spec":{"replicas":0}}""");

        // The controllers' status writes (the evening's pods going away) move the version too: read it once they are done.
        await sandbox.SettledAsync();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        var intent = (await sandbox.ReadAsync(ns, "api")).Metadata.ResourceVersion;
        await sweeper.SweepAsync();

        // The night sweep leaves the recorded intent alone (the sandbox is shared, so the claim is about this object).
        (await sandbox.ReadAsync(ns, "api")).Metadata.ResourceVersion.ShouldBe(intent);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        await sweeper.SweepAsync();

        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(5);
    }

    [Fact]
    public async Task A_raise_during_the_night_is_stopped_again_and_comes_back_in_the_morning_as_the_latest_intent()
    {
        var ns = await sandbox.NamespaceAsync("raised");
        await sandbox.DeploymentAsync(ns, "api", 4);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();

        // What the webhook in warn mode lets through (and promises the sweeper stops at its next pass), or a write that
        // went around the webhook.
        await PatchAsync(ns, "api", """{"spec":{"replicas":3}}""");
        await sandbox.SettledAsync();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        var night = await sweeper.SweepAsync();

        night.Stopped.ShouldContain(w => w.Namespace == ns && w.Name == "api", "raised above the count the stop set");
        var held = await sandbox.ReadAsync(ns, "api");
        held.Spec.Replicas.ShouldBe(0);
        held.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3", "the latest intent is what the morning brings back");
        (await sweeper.SweepAsync()).Writes.ShouldBe(0, "held at its count again: nothing more to do");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();

        morning.Restored.ShouldContain(w => w.Namespace == ns && w.Name == "api");
        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(3);
    }

    [Fact]
    public async Task A_manual_scale_down_during_the_night_is_respected_and_said_in_an_event()
    {
        var ns = await sandbox.NamespaceAsync("manual", new Dictionary<string, string> { [WellKnown.Annotations.DowntimeReplicas] = "2" });
        await sandbox.DeploymentAsync(ns, "api", 4);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();
        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(2);

        // Someone needs only one replica tonight: a scale-down is never overruled.
        await PatchAsync(ns, "api", """{"spec":{"replicas":1}}""");
        await sandbox.SettledAsync();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        var night = await sweeper.SweepAsync();
        night.Stopped.ShouldNotContain(w => w.Namespace == ns, "at or below its downtime count: the person's count is not overwritten");
        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(1);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();

        morning.RestoreSkipped.ShouldContain(w => w.Namespace == ns && w.Name == "api");
        var api = await sandbox.ReadAsync(ns, "api");
        api.Spec.Replicas.ShouldBe(1);
        api.Metadata.Labels.ContainsKey(WellKnown.Labels.Stopped).ShouldBeFalse();
        WellKnown.Annotations.State.ShouldAllBe(key => api.Metadata.Annotations == null || !api.Metadata.Annotations.ContainsKey(key));
        (await sandbox.EventsAsync(ns)).ShouldContain(e => e.Reason == WellKnown.EventReasons.RestoreSkipped && e.Regarding.Name == "api");
    }

    [Fact]
    public async Task Excluded_system_daemonset_job_and_operator_owned_workloads_are_untouched()
    {
        var ns = await sandbox.NamespaceAsync("mixed");
        var excludedNs = await sandbox.NamespaceAsync("excluded", new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "true" });
        await sandbox.DeploymentAsync(ns, "pinned", 2, new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "true" });
        await sandbox.DeploymentAsync(excludedNs, "shared", 2);
        await sandbox.DeploymentAsync("kube-system", "coredns-" + ns, 2);
        await sandbox.DaemonSetAsync(ns, "agent");
        var owner = new V1OwnerReference { ApiVersion = "db.example.com/v1", Kind = "PostgresCluster", Name = "pg", Uid = Guid.NewGuid().ToString(), Controller = true };
        await sandbox.DeploymentAsync(ns, "pg-pooler", 2, owner: owner);
        await sandbox.DeploymentAsync(ns, "control", 1);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var evening = await sweeper.SweepAsync();
        await sandbox.SettledAsync();

        evening.Stopped.Where(w => w.Namespace == ns).Select(w => w.Name).ShouldBe(["control"], "the control workload proves the sweep ran");
        evening.Stopped.ShouldNotContain(w => w.Namespace == excludedNs || w.Namespace == "kube-system");
        evening.OperatorOwnedSkipped.ShouldContain(w => w.Namespace == ns && w.Name == "pg-pooler");
        sweeper.Metrics.OperatorOwnedSkipped.WithLabels("Deployment").Value.ShouldBeGreaterThanOrEqualTo(1);
        (await sandbox.ReplicasAsync(ns, "pinned")).ShouldBe(2);
        (await sandbox.ReplicasAsync(excludedNs, "shared")).ShouldBe(2);
        (await sandbox.ReplicasAsync("kube-system", "coredns-" + ns)).ShouldBe(2);
        (await sandbox.ReplicasAsync(ns, "pg-pooler")).ShouldBe(2);
        (await sandbox.Admin.AppsV1.ReadNamespacedDaemonSetAsync("agent", ns)).Metadata.Labels?.ContainsKey(WellKnown.Labels.Stopped).ShouldNotBe(true);
    }

    [Fact]
    public async Task An_invalid_schedule_annotation_leaves_the_workload_alone_with_a_warning_event()
    {
        var ns = await sandbox.NamespaceAsync("invalid");
        await sandbox.DeploymentAsync(ns, "typo", 2, new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = "Mon-Fry 07:00-19:00 UTC" });
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var first = await sweeper.SweepAsync();
        var second = await sweeper.SweepAsync();

        first.Invalid.ShouldContain(w => w.Namespace == ns && w.Name == "typo");
        (await sandbox.ReplicasAsync(ns, "typo")).ShouldBe(2);
        var warnings = (await sandbox.EventsAsync(ns)).Where(e => e.Type == "Warning" && e.Reason == WellKnown.EventReasons.InvalidSchedule).ToList();
        warnings.Count.ShouldBe(1, "one Warning per object version, not one per sweep");
        warnings[0].Note.ShouldContain(WellKnown.Annotations.Uptime);
        second.Invalid.ShouldContain(w => w.Namespace == ns);
    }

    [Fact]
    public async Task An_unreadable_stopped_state_is_never_restored_on_a_guess()
    {
        var ns = await sandbox.NamespaceAsync("state");
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();
        await PatchAsync(ns, "api", $$$$"""{"metadata":{"annotations":{"{{{{WellKnown.Annotations.OriginalReplicas}}}}":"lots"}}}""");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();

        morning.Invalid.ShouldContain(w => w.Namespace == ns && w.Name == "api");
        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(0);
        (await sandbox.EventsAsync(ns)).ShouldContain(e => e.Type == "Warning" && e.Note.Contains(WellKnown.Annotations.OriginalReplicas));
    }

    private Task<V1Deployment> PatchAsync(string ns, string name, string mergePatch) =>
        sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), name, ns);
}
