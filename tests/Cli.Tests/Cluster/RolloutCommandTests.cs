using Tarnfui.Core;
using Tarnfui.Testing;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>
/// sleep, restore, wake and status of Argo Rollouts against the emulated API server with the Rollout CRD installed by
/// the real kubectl: a Rollout is taken as a Deployment is, through the custom-object API, and read back each time.
/// </summary>
[Collection("Sandbox")]
public class RolloutCommandTests(SandboxFixture sandbox)
{
    private const string Now = "2026-11-23T22:00:00Z";

    [Theory]
    [InlineData("rollout/web")]
    [InlineData("ro/web")]
    [InlineData("rollouts.argoproj.io/web")]
    public async Task Sleep_then_restore_leaves_the_rollout_exactly_as_before(string target)
    {
        await ArgoRollouts.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await ArgoRollouts.CreateAsync(sandbox.Admin, ns, "web", 3);

        var sleep = await sandbox.RunAsync("sleep", target, "-n", ns, "--now", Now);

        sleep.ExitCode.ShouldBe(0, sleep.Error);
        sleep.Out.ShouldBe("rollout.argoproj.io/web stopped: 3 -> 0 replicas\n");
        var asleep = await ArgoRollouts.ReadAsync(sandbox.Admin, ns, "web");
        asleep.Replicas.ShouldBe(0);
        asleep.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
        asleep.Labels[WellKnown.Labels.Stopped].ShouldBe("true");

        var status = await sandbox.RunAsync("status", "-n", ns, "--now", Now);

        status.ExitCode.ShouldBe(0, status.Error);
        status.Out.ShouldContain("rollout");
        status.Out.ShouldContain("web");

        var restore = await sandbox.RunAsync("restore", target, "-n", ns);

        restore.ExitCode.ShouldBe(0, restore.Error);
        var back = await ArgoRollouts.ReadAsync(sandbox.Admin, ns, "web");
        back.Replicas.ShouldBe(3);
        WellKnown.Annotations.State.ShouldAllBe(key => !back.Annotations.ContainsKey(key));
        back.Labels.ContainsKey(WellKnown.Labels.Stopped).ShouldBeFalse();
    }

    [Fact]
    public async Task Wake_runs_a_held_rollout_at_its_recorded_count()
    {
        await ArgoRollouts.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await ArgoRollouts.CreateAsync(sandbox.Admin, ns, "api", 2);
        (await sandbox.RunAsync("sleep", "ro/api", "-n", ns, "--now", Now)).ExitCode.ShouldBe(0);

        var wake = await sandbox.RunAsync("wake", "ro/api", "-n", ns, "--for", "2h", "--now", Now);

        wake.ExitCode.ShouldBe(0, wake.Error);
        var awake = await ArgoRollouts.ReadAsync(sandbox.Admin, ns, "api");
        awake.Replicas.ShouldBe(2);
        awake.Annotations.ShouldContainKey(WellKnown.Annotations.ExcludeUntil);
    }
}
