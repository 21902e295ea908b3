using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// Argo Rollouts through a night against the emulator, with the Rollout CRD installed by the real kubectl and the
/// Rollouts applied by it: stopped from their running pods (Pod → ReplicaSet → Rollout), restored exactly in the
/// morning, and a person's change kept. A sandbox of its own: the CRD and its Rollouts touch no other test's cluster.
/// </summary>
public class RolloutNightTests(SweeperSandbox sandbox) : IClassFixture<SweeperSandbox>
{
    [Fact]
    public async Task Evening_night_morning_gives_every_rollout_back_its_count_exactly()
    {
        await ArgoRollouts.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync("ro-cycle");
        using (var kubectl = KubectlRunner.For(sandbox.Server))
        {
            await kubectl.SucceedAsync("apply", "-f", kubectl.WriteFile("web.yaml", ArgoRollouts.Manifest(ns, "web", 3)));
            await kubectl.SucceedAsync("apply", "-f", kubectl.WriteFile("api.yaml", ArgoRollouts.Manifest(ns, "api", 2)));
        }

        await sandbox.SettledAsync();
        (await sandbox.RunningPodsAsync(ns)).ShouldBe(5, "the emulated Rollout controller runs spec.replicas pods through a ReplicaSet");
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Noon);
        (await sweeper.SweepAsync()).Stopped.ShouldNotContain(w => w.Namespace == ns);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var evening = await sweeper.SweepAsync();
        evening.Stopped.Where(w => w.Namespace == ns).OrderBy(w => w.Name, StringComparer.Ordinal).ShouldBe([new WorkloadRef(WorkloadKind.Rollout, ns, "api"), new WorkloadRef(WorkloadKind.Rollout, ns, "web")]);
        var web = await ArgoRollouts.ReadAsync(sandbox.Admin, ns, "web");
        web.Replicas.ShouldBe(0);
        web.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
        web.Labels[WellKnown.Labels.Stopped].ShouldBe("true");
        await sandbox.SettledAsync();
        (await sandbox.RunningPodsAsync(ns)).ShouldBe(0);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        (await sweeper.SweepAsync()).Stopped.ShouldNotContain(w => w.Namespace == ns);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();
        morning.Restored.Where(w => w.Namespace == ns).Select(w => w.Name).Order().ShouldBe(["api", "web"]);
        foreach (var (name, replicas) in new[] { ("web", 3), ("api", 2) })
        {
            var rollout = await ArgoRollouts.ReadAsync(sandbox.Admin, ns, name);
            rollout.Replicas.ShouldBe(replicas, name);
            WellKnown.Annotations.State.ShouldAllBe(key => !rollout.Annotations.ContainsKey(key));
            rollout.Labels.ContainsKey(WellKnown.Labels.Stopped).ShouldBeFalse();
        }

        await sandbox.SettledAsync();
        (await sandbox.RunningPodsAsync(ns)).ShouldBe(5);
        (await sandbox.EventsAsync(ns)).Count(e => e.Reason == WellKnown.EventReasons.Restored && e.Regarding.Kind == "Rollout").ShouldBe(2);
    }

    [Fact]
    public async Task A_count_a_person_set_at_night_wins_over_the_record()
    {
        await ArgoRollouts.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync("ro-person");
        await ArgoRollouts.CreateAsync(sandbox.Admin, ns, "web", 3);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.ShouldContain(new WorkloadRef(WorkloadKind.Rollout, ns, "web"));

        await ArgoRollouts.ScaleAsync(sandbox.Admin, ns, "web", 1);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();

        morning.RestoreSkipped.ShouldContain(new WorkloadRef(WorkloadKind.Rollout, ns, "web"));
        var web = await ArgoRollouts.ReadAsync(sandbox.Admin, ns, "web");
        web.Replicas.ShouldBe(1, "the person's count stands");
        WellKnown.Annotations.State.ShouldAllBe(key => !web.Annotations.ContainsKey(key));
        (await sandbox.EventsAsync(ns)).ShouldContain(e => e.Reason == WellKnown.EventReasons.RestoreSkipped && e.Regarding.Name == "web");
    }
}
