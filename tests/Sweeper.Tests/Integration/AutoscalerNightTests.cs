using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Sweeper.Sweeping;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// HorizontalPodAutoscalers through a night against the emulator: the HPA of a workload held at one or more replicas is
/// bounded to that count in the same sweep, and its own bounds come back exactly in the morning; at 0 it is never
/// written; a person's change at night wins.
/// </summary>
[Collection("Sandbox")]
public class AutoscalerNightTests(SweeperSandbox sandbox)
{
    private static readonly Dictionary<string, string> KeepOne = new() { [WellKnown.Annotations.DowntimeReplicas] = "1" };

    [Theory]
    [InlineData("hpa-bounds", 2)]
    [InlineData("hpa-nomin", null)]
    public async Task With_downtime_replicas_1_the_HPA_is_held_at_1_and_gets_its_bounds_back_exactly(string prefix, int? min)
    {
        var ns = await sandbox.NamespaceAsync(prefix);
        await sandbox.DeploymentAsync(ns, "web", 3, KeepOne);
        await AutoscalerAsync(ns, "web", min, 5);
        await sandbox.SettledAsync();
        var before = (await ReadAsync(ns, "web")).Spec;
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var evening = await sweeper.SweepAsync();

        evening.Stopped.ShouldContain(w => w.Namespace == ns && w.Name == "web");
        (await sandbox.ReplicasAsync(ns, "web")).ShouldBe(1);
        var night = await ReadAsync(ns, "web");
        (night.Spec.MinReplicas, night.Spec.MaxReplicas).ShouldBe((1, 1), "bounded in the same sweep as the stop");
        night.Metadata.Annotations[WellKnown.Annotations.OriginalMaxReplicas].ShouldBe("5");
        night.Metadata.Annotations[WellKnown.Annotations.HeldReplicas].ShouldBe("1");
        sweeper.Metrics.Stops.WithLabels(AutoscalerPass.MetricKind).Value.ShouldBeGreaterThanOrEqualTo(1);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        await sweeper.SweepAsync();
        (await ReadAsync(ns, "web")).Metadata.ResourceVersion.ShouldBe(night.Metadata.ResourceVersion, "nothing to write at midnight");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();

        morning.Restored.ShouldContain(w => w.Namespace == ns && w.Name == "web");
        (await sandbox.ReplicasAsync(ns, "web")).ShouldBe(3);
        var after = await ReadAsync(ns, "web");
        (after.Spec.MinReplicas, after.Spec.MaxReplicas).ShouldBe((before.MinReplicas, before.MaxReplicas));
        WellKnown.Annotations.AutoscalerState.ShouldAllBe(key => after.Metadata.Annotations == null || !after.Metadata.Annotations.ContainsKey(key));
        sweeper.Metrics.Restores.WithLabels(AutoscalerPass.MetricKind, "restored").Value.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task At_night_the_HPA_controller_scales_back_a_held_workload_only_when_its_HPA_is_not_bounded()
    {
        var ns = await sandbox.NamespaceAsync("hpa-fight");
        await sandbox.DeploymentAsync(ns, "held", 3, KeepOne);
        await AutoscalerAsync(ns, "held", 2, 5);
        // What a stop to 1 without the bound would leave: a workload at 1 under an HPA that says 2..5.
        await sandbox.DeploymentAsync(ns, "unbounded", 1, new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "true" });
        await AutoscalerAsync(ns, "unbounded", 2, 5);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();

        var sync = await sandbox.Server.Autoscalers.SyncAsync();

        sync.Scaled.ShouldContain($"{ns}/unbounded", "the HPA scales a workload below its range back up");
        sync.Scaled.ShouldNotContain($"{ns}/held", "a bounded HPA agrees with the night");
        sync.Refused.ShouldNotContain($"{ns}/held");
        (await sandbox.ReplicasAsync(ns, "held")).ShouldBe(1);
        (await sandbox.ReplicasAsync(ns, "unbounded")).ShouldBe(2);
        var status = (await ReadAsync(ns, "held")).Status;
        (status.CurrentReplicas, status.DesiredReplicas).ShouldBe((1, 1));
    }

    [Fact]
    public async Task With_downtime_replicas_0_the_HPA_is_never_written()
    {
        var ns = await sandbox.NamespaceAsync("hpa-zero");
        await sandbox.DeploymentAsync(ns, "web", 3);
        await AutoscalerAsync(ns, "web", 2, 5);
        await sandbox.SettledAsync();
        var version = (await ReadAsync(ns, "web")).Metadata.ResourceVersion;
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.ShouldContain(w => w.Namespace == ns && w.Name == "web");
        (await sandbox.ReplicasAsync(ns, "web")).ShouldBe(0);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        (await sweeper.SweepAsync()).Restored.ShouldContain(w => w.Namespace == ns && w.Name == "web");

        (await ReadAsync(ns, "web")).Metadata.ResourceVersion.ShouldBe(version, "Kubernetes does not autoscale a target at 0: nothing to hold");
    }

    [Fact]
    public async Task A_person_who_changes_the_HPA_at_night_keeps_their_bounds()
    {
        var ns = await sandbox.NamespaceAsync("hpa-person");
        await sandbox.DeploymentAsync(ns, "web", 3, KeepOne);
        await AutoscalerAsync(ns, "web", 2, 5);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();
        (await ReadAsync(ns, "web")).Spec.MaxReplicas.ShouldBe(1);

        await sandbox.Admin.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(
            new V1Patch("""{"spec":{"minReplicas":1,"maxReplicas":8}}""", V1Patch.PatchType.MergePatch), "web", ns);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        await sweeper.SweepAsync();

        var after = await ReadAsync(ns, "web");
        (after.Spec.MinReplicas, after.Spec.MaxReplicas).ShouldBe((1, 8), "the person's bounds win");
        WellKnown.Annotations.AutoscalerState.ShouldAllBe(key => after.Metadata.Annotations == null || !after.Metadata.Annotations.ContainsKey(key));
        sweeper.Metrics.Restores.WithLabels(AutoscalerPass.MetricKind, "skipped").Value.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task An_HPA_whose_workload_a_person_restored_at_night_gets_its_bounds_back_at_the_next_sweep()
    {
        var ns = await sandbox.NamespaceAsync("hpa-repair");
        await sandbox.DeploymentAsync(ns, "web", 3, KeepOne);
        await AutoscalerAsync(ns, "web", 2, 5);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();

        // What kubectl tarnfui restore writes, and an exclusion so the next sweep does not stop it again.
        var web = await sandbox.ReadAsync(ns, "web");
        var restore = new List<object>
        {
            new { op = "replace", path = "/spec/replicas", value = 3 },
            new { op = "add", path = "/metadata/annotations/" + WellKnown.Annotations.Exclude.Replace("/", "~1", StringComparison.Ordinal), value = "true" },
        };
        restore.AddRange(WellKnown.Annotations.State.Where(web.Metadata.Annotations.ContainsKey)
            .Select(key => new { op = "remove", path = "/metadata/annotations/" + key.Replace("/", "~1", StringComparison.Ordinal) }));
        restore.Add(new { op = "remove", path = "/metadata/labels/" + WellKnown.Labels.Stopped.Replace("/", "~1", StringComparison.Ordinal) });
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(KubernetesJson.Serialize(restore), V1Patch.PatchType.JsonPatch), "web", ns);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        await Eventually.UntilAsync(
            async () =>
            {
                await sweeper.SweepAsync();
                return (await ReadAsync(ns, "web")).Spec.MaxReplicas == 5;
            },
            "a sweep after the watch brought the restored workload to the view");

        var after = await ReadAsync(ns, "web");
        (after.Spec.MinReplicas, after.Spec.MaxReplicas).ShouldBe((2, 5));
    }

    private Task<V2HorizontalPodAutoscaler> AutoscalerAsync(string ns, string target, int? min, int max) =>
        sandbox.Admin.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(new V2HorizontalPodAutoscaler
        {
            Metadata = new V1ObjectMeta { Name = target },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = target },
                MinReplicas = min,
                MaxReplicas = max,
            },
        }, ns);

    private async Task<V2HorizontalPodAutoscaler> ReadAsync(string ns, string name) =>
        await sandbox.Admin.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(name, ns);
}
