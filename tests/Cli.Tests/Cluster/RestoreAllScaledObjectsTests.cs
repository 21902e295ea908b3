using System.Text.Json.Nodes;
using k8s;
using Tarnfui.Core;
using Tarnfui.Testing;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>
/// <c>restore --all</c> (the command run before uninstalling) brings back the KEDA ScaledObjects Tarnfui holds paused
/// with the workloads it holds down, with the writes of a named <c>restore scaledobject/NAME</c>, against the emulated
/// API server with the ScaledObject CRD installed by the real kubectl.
/// </summary>
[Collection("Sandbox")]
public class RestoreAllScaledObjectsTests(SandboxFixture sandbox)
{
    private static readonly Dictionary<string, string> PausedRecord = new()
    {
        [WellKnown.Keda.PausedReplicas] = "0",
        [WellKnown.Annotations.OriginalReplicas] = "4",
        [WellKnown.Annotations.HeldReplicas] = "0",
        [WellKnown.Annotations.OriginalPausedReplicas] = WellKnown.Annotations.UnsetValue,
        [WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z",
    };

    [Fact]
    public async Task Restore_all_unpauses_every_paused_ScaledObject_with_the_stopped_workloads_and_leaves_the_others()
    {
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "web", original: 3);
        await sandbox.DeploymentAsync(ns, "api", 0);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "api-so", "api", PausedRecord, stoppedLabel: true);
        await sandbox.DeploymentAsync(ns, "free", 2);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "free-so", "free", new Dictionary<string, string> { [WellKnown.Keda.PausedReplicas] = "1" });

        var restore = await sandbox.RunAsync("restore", "--all", "-n", ns);

        restore.ExitCode.ShouldBe(0, restore.Error);
        restore.Out.ShouldContain("scaledobject.keda.sh/api-so restored: deployment.apps/api scaled to 4, pause removed\n");
        restore.Out.ShouldContain("deployment.apps/web restored");
        restore.Out.ShouldNotContain("free-so");
        (await sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync("api", ns)).Spec.Replicas.ShouldBe(4);
        (await sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(3);
        var (annotations, labels) = await KedaScaledObjects.ReadAsync(sandbox.Admin, ns, "api-so");
        annotations.ShouldNotContainKey(WellKnown.Keda.PausedReplicas);
        WellKnown.Annotations.ScaledObjectState.ShouldAllBe(key => !annotations.ContainsKey(key));
        labels.ShouldNotContainKey(WellKnown.Labels.Stopped);
        var (theirs, _) = await KedaScaledObjects.ReadAsync(sandbox.Admin, ns, "free-so");
        theirs[WellKnown.Keda.PausedReplicas].ShouldBe("1", "a person's own pause is none of Tarnfui's");
    }

    [Fact]
    public async Task Restore_all_in_json_reports_the_ScaledObjects_and_the_workloads_in_one_document()
    {
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "web", original: 3);
        await sandbox.DeploymentAsync(ns, "api", 0);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "api-so", "api", PausedRecord, stoppedLabel: true);

        var restore = await sandbox.RunAsync("restore", "--all", "-n", ns, "-o", "json");

        restore.ExitCode.ShouldBe(0, restore.Error);
        var items = JsonNode.Parse(restore.Out)!["items"]!.AsArray();
        items.Select(i => ((string?)i!["kind"], (string?)i["name"], (string?)i["result"])).ShouldBe(
            [("ScaledObject", "api-so", "Changed"), ("Deployment", "web", "Changed")], ignoreOrder: true);
    }

    [Fact]
    public async Task Restore_all_with_only_a_paused_ScaledObject_does_not_say_no_resources_found()
    {
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 0);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "api-so", "api", PausedRecord, stoppedLabel: true);

        var restore = await sandbox.RunAsync("restore", "--all", "-n", ns);

        restore.ExitCode.ShouldBe(0, restore.Error);
        restore.Out.ShouldBe("scaledobject.keda.sh/api-so restored: deployment.apps/api scaled to 4, pause removed\n");
        restore.Error.ShouldNotContain("No resources found");
    }
}
