using System.Text.Json.Nodes;
using k8s;
using Tarnfui.Core;
using Tarnfui.Testing;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>
/// status, sleep, restore and wake of KEDA ScaledObjects against the emulated API server with the ScaledObject CRD
/// installed by the real kubectl: Tarnfui pauses a ScaledObject rather than stopping its target, and reads it back.
/// </summary>
[Collection("Sandbox")]
public class ScaledObjectCommandTests(SandboxFixture sandbox)
{
    private const string Now = "2026-11-23T22:00:00Z";

    private static readonly Dictionary<string, string> PausedRecord = new()
    {
        [WellKnown.Keda.PausedReplicas] = "0",
        [WellKnown.Annotations.OriginalReplicas] = "4",
        [WellKnown.Annotations.HeldReplicas] = "0",
        [WellKnown.Annotations.OriginalPausedReplicas] = WellKnown.Annotations.UnsetValue,
        [WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z",
    };

    [Fact]
    public async Task Status_lists_a_paused_ScaledObject_as_held_with_its_recorded_target_count_and_its_target()
    {
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 0);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "api-so", "api", PausedRecord, stoppedLabel: true);
        await sandbox.DeploymentAsync(ns, "free", 2);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "free-so", "free");

        var table = await sandbox.RunAsync("status", "-n", ns, "--now", Now);
        var json = await sandbox.RunAsync("status", "-n", ns, "--now", Now, "-o", "json");

        table.ExitCode.ShouldBe(0, table.Error);
        table.Out.ShouldMatch("(?m)^scaledobject.keda.sh/api-so +4 +3h .*pauses deployment.apps/api$");
        table.Out.ShouldNotContain("free-so");
        var row = JsonNode.Parse(json.Out)!["heldDown"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)row["kind"], (string?)row["name"], (int?)row["originalReplicas"], (string?)row["target"])
            .ShouldBe(("ScaledObject", "api-so", 4, "deployment.apps/api"));
    }

    [Theory]
    [InlineData("scaledobject/api-so")]
    [InlineData("so/api-so")]
    [InlineData("scaledobjects.keda.sh/api-so")]
    public async Task Restore_puts_the_target_back_at_its_recorded_count_then_removes_the_pause_and_the_record(string target)
    {
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 0);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "api-so", "api", PausedRecord, stoppedLabel: true);

        var restore = await sandbox.RunAsync("restore", target, "-n", ns);

        restore.ExitCode.ShouldBe(0, restore.Error);
        restore.Out.ShouldBe("scaledobject.keda.sh/api-so restored: deployment.apps/api scaled to 4, pause removed\n");
        (await sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync("api", ns)).Spec.Replicas.ShouldBe(4);
        var (annotations, labels) = await KedaScaledObjects.ReadAsync(sandbox.Admin, ns, "api-so");
        annotations.ShouldNotContainKey(WellKnown.Keda.PausedReplicas);
        WellKnown.Annotations.ScaledObjectState.ShouldAllBe(key => !annotations.ContainsKey(key));
        labels.ShouldNotContainKey(WellKnown.Labels.Stopped);
    }

    [Fact]
    public async Task Restore_keeps_a_pause_a_person_changed_and_removes_only_the_record()
    {
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 2);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "api-so", "api", new Dictionary<string, string>(PausedRecord) { [WellKnown.Keda.PausedReplicas] = "2" }, stoppedLabel: true);

        var restore = await sandbox.RunAsync("restore", "so/api-so", "-n", ns);

        restore.ExitCode.ShouldBe(0, restore.Error);
        var (annotations, labels) = await KedaScaledObjects.ReadAsync(sandbox.Admin, ns, "api-so");
        annotations[WellKnown.Keda.PausedReplicas].ShouldBe("2");
        WellKnown.Annotations.ScaledObjectState.ShouldAllBe(key => !annotations.ContainsKey(key));
        labels.ShouldNotContainKey(WellKnown.Labels.Stopped);
    }

    [Theory]
    [InlineData("sleep so/api-so --for 1h", "a forced sleep (--until, --for) is written on the workload")]
    [InlineData("restore so/api-so deploy/api", "in a command of their own")]
    public async Task A_ScaledObject_where_it_is_not_taken_is_a_usage_error_that_changes_nothing(string commandLine, string error)
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);

        var run = await sandbox.RunAsync([.. commandLine.Split(' '), "-n", ns]);

        run.ExitCode.ShouldBe(2, run.Error);
        run.Error.ShouldContain(error);
        (await sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync("api", ns)).Spec.Replicas.ShouldBe(0);
    }

    [Fact]
    public async Task Wake_excludes_the_target_until_the_end_then_resumes_the_ScaledObject()
    {
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 0);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "api-so", "api", PausedRecord, stoppedLabel: true);

        var wake = await sandbox.RunAsync("wake", "scaledobject/api-so", "--for", "2h", "-n", ns, "--now", Now);

        wake.ExitCode.ShouldBe(0, wake.Error);
        var target = await sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync("api", ns);
        target.Metadata.Annotations[WellKnown.Annotations.ExcludeUntil].ShouldBe("2026-11-24T00:00:00Z");
        target.Spec.Replicas.ShouldBe(4);
        var (annotations, labels) = await KedaScaledObjects.ReadAsync(sandbox.Admin, ns, "api-so");
        annotations.ShouldNotContainKey(WellKnown.Keda.PausedReplicas);
        labels.ShouldNotContainKey(WellKnown.Labels.Stopped);
    }

    // Never above the target's count: a target running fewer than its downtime count is paused where it is.
    [Theory]
    [InlineData(3, "1", 1)]
    [InlineData(1, "2", 1)]
    public async Task Sleep_pauses_the_ScaledObject_at_the_targets_downtime_count_and_records_its_count(int running, string downtime, int paused)
    {
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", running, new() { [WellKnown.Annotations.DowntimeReplicas] = downtime });
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "api-so", "api");

        var sleep = await sandbox.RunAsync("sleep", "so/api-so", "-n", ns, "--now", Now);
        var again = await sandbox.RunAsync("sleep", "so/api-so", "-n", ns, "--now", Now);

        sleep.ExitCode.ShouldBe(0, sleep.Error);
        sleep.Out.ShouldBe($"scaledobject.keda.sh/api-so paused: autoscaling.keda.sh/paused-replicas={paused} (deployment.apps/api {running} -> {paused} replicas by KEDA)\n");
        again.Out.ShouldBe("scaledobject.keda.sh/api-so unchanged: already paused by Tarnfui\n");
        var (annotations, labels) = await KedaScaledObjects.ReadAsync(sandbox.Admin, ns, "api-so");
        (annotations[WellKnown.Keda.PausedReplicas], annotations[WellKnown.Annotations.OriginalReplicas], annotations[WellKnown.Annotations.HeldReplicas])
            .ShouldBe(($"{paused}", $"{running}", $"{paused}"));
        annotations[WellKnown.Annotations.OriginalPausedReplicas].ShouldBe(WellKnown.Annotations.UnsetValue);
        labels[WellKnown.Labels.Stopped].ShouldBe(WellKnown.Labels.StoppedValue);
    }
}
