using k8s;
using k8s.Models;
using Tarnfui.Core;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>
/// <c>sleep --until | --for</c>, and how wake, restore, explain and status treat a forced sleep and <c>restore: manual</c>,
/// against the emulated API server; every outcome is asserted by reading the objects back.
/// </summary>
[Collection("Sandbox")]
public class ForcedSleepCommandTests(SandboxFixture sandbox)
{
    // Monday 10:00 UTC: working hours of the default schedule.
    private const string Now = "2026-11-23T10:00:00Z";

    private Task<V1Deployment> ReadAsync(string ns, string name) => sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync(name, ns);

    private static IDictionary<string, string> Annotations(V1Deployment d) => d.Metadata.Annotations ?? new Dictionary<string, string>();

    [Fact]
    public async Task Sleep_until_stops_now_and_writes_sleep_until_in_the_same_patch_ending_a_wake_up()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "web", 2, new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-23T12:00:00Z" });

        var run = await sandbox.RunAsync("sleep", "deploy/web", "--until", "2026-11-30", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldBe("deployment.apps/web stopped: 2 -> 0 replicas; sleeps until 2026-11-30T00:00:00Z (in 6d14h)\n");
        var web = await ReadAsync(ns, "web");
        web.Spec.Replicas.ShouldBe(0);
        Annotations(web)[WellKnown.Annotations.SleepUntil].ShouldBe("2026-11-30T00:00:00Z");
        Annotations(web)[WellKnown.Annotations.OriginalReplicas].ShouldBe("2");
        Annotations(web).ShouldNotContainKey(WellKnown.Annotations.ExcludeUntil, "the tool never leaves both keys on one object");
    }

    [Fact]
    public async Task Sleep_for_on_a_workload_already_stopped_writes_only_sleep_until()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);

        var run = await sandbox.RunAsync("sleep", "deploy/api", "--for", "48h", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldStartWith("deployment.apps/api sleeps until 2026-11-25T10:00:00Z (in 2d)");
        var api = await ReadAsync(ns, "api");
        Annotations(api)[WellKnown.Annotations.SleepUntil].ShouldBe("2026-11-25T10:00:00Z");
        Annotations(api)[WellKnown.Annotations.OriginalReplicas].ShouldBe("3", "the record is left as it was");
    }

    [Theory]
    [InlineData("both flags", new[] { "--until", "2026-11-30", "--for", "2h" }, "error: use --until or --for, not both")]
    [InlineData("not a time", new[] { "--until", "after the holidays" }, "error: --until: \"after the holidays\" is neither an RFC 3339 instant nor a date")]
    [InlineData("in the past", new[] { "--until", "2026-11-20" }, "error: --until 2026-11-20 is not in the future (now is 2026-11-23T10:00:00Z)")]
    [InlineData("a duration that is not one", new[] { "--for", "3 days" }, "error: invalid duration")]
    public async Task Sleep_with_a_bad_length_changes_nothing_and_says_why(string because, string[] length, string error)
    {
        var ns = await sandbox.NamespaceAsync();
        var before = await sandbox.DeploymentAsync(ns, "web", 2);

        var run = await sandbox.RunAsync(["sleep", "deploy/web", .. length, "-n", ns, "--now", Now]);

        run.ExitCode.ShouldBe(2, because);
        run.Error.ShouldStartWith(error, customMessage: because);
        (await ReadAsync(ns, "web")).Metadata.ResourceVersion.ShouldBe(before.Metadata.ResourceVersion, because);
    }

    [Fact]
    public async Task Wake_ends_a_forced_sleep()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "web", 2);
        (await sandbox.RunAsync("sleep", "deploy/web", "--for", "72h", "-n", ns, "--now", Now)).ExitCode.ShouldBe(0);

        var run = await sandbox.RunAsync("wake", "deploy/web", "--for", "2h", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        var web = await ReadAsync(ns, "web");
        web.Spec.Replicas.ShouldBe(2);
        Annotations(web).ShouldNotContainKey(WellKnown.Annotations.SleepUntil);
        Annotations(web)[WellKnown.Annotations.ExcludeUntil].ShouldBe("2026-11-23T12:00:00Z");
    }

    [Fact]
    public async Task Restore_brings_back_a_manual_restore_workload_and_ends_its_forced_sleep()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "batch", original: 4, annotations: new()
        {
            [WellKnown.Annotations.Restore] = WellKnown.Annotations.ManualRestoreValue,
            [WellKnown.Annotations.SleepUntil] = "2026-11-30",
        });

        var run = await sandbox.RunAsync("restore", "deploy/batch", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        var batch = await ReadAsync(ns, "batch");
        batch.Spec.Replicas.ShouldBe(4);
        Annotations(batch).ShouldNotContainKey(WellKnown.Annotations.SleepUntil);
        Annotations(batch)[WellKnown.Annotations.Restore].ShouldBe(WellKnown.Annotations.ManualRestoreValue, "the mode stays for the next night");
    }

    [Fact]
    public async Task Explain_and_status_show_a_forced_sleep_and_its_end()
    {
        var ns = await sandbox.NamespaceAsync(new() { [WellKnown.Annotations.SleepUntil] = "2026-11-25T12:00:00Z" });
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);

        var explain = await sandbox.RunAsync("explain", "deploy/api", "-n", ns, "--now", Now);
        var status = await sandbox.RunAsync("status", "-n", ns, "--now", Now);

        explain.ExitCode.ShouldBe(0, explain.Error);
        explain.Out.ShouldContain(
            $"Decision now:       forced sleep: {WellKnown.Annotations.SleepUntil}=2026-11-25T12:00:00Z on the namespace: held at 0 replicas, sleeps until 2026-11-25T12:00:00Z (in 2d2h)");
        status.ExitCode.ShouldBe(0, status.Error);
        status.Out.ShouldContain("sleeps until 2026-11-25T12:00:00Z");
    }

    [Fact]
    public async Task Explain_says_a_manual_restore_workload_is_stopped_until_someone_runs_restore()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "batch", original: 2, annotations: new() { [WellKnown.Annotations.Restore] = WellKnown.Annotations.ManualRestoreValue });

        var explain = await sandbox.RunAsync("explain", "deploy/batch", "-n", ns, "--now", Now);
        var status = await sandbox.RunAsync("status", "-n", ns, "--now", Now);

        explain.ExitCode.ShouldBe(0, explain.Error);
        explain.Out.ShouldContain($"; {WellKnown.Annotations.Restore}={WellKnown.Annotations.ManualRestoreValue} on the workload: stopped until someone runs kubectl tarnfui restore");
        status.Out.ShouldContain($"{WellKnown.Annotations.Restore}: {WellKnown.Annotations.ManualRestoreValue} (kubectl tarnfui restore)");
    }
}
