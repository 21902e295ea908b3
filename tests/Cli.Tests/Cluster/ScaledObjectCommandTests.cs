using System.Text.Json.Nodes;
using Tarnfui.Core;

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
        await KedaObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 0);
        await KedaObjects.ApplyAsync(sandbox.Server, ns, "api-so", "api", PausedRecord, stoppedLabel: true);
        await sandbox.DeploymentAsync(ns, "free", 2);
        await KedaObjects.ApplyAsync(sandbox.Server, ns, "free-so", "free");

        var table = await sandbox.RunAsync("status", "-n", ns, "--now", Now);
        var json = await sandbox.RunAsync("status", "-n", ns, "--now", Now, "-o", "json");

        table.ExitCode.ShouldBe(0, table.Error);
        table.Out.ShouldMatch("(?m)^scaledobject.keda.sh/api-so +4 +3h .*pauses deployment.apps/api$");
        table.Out.ShouldNotContain("free-so");
        var row = JsonNode.Parse(json.Out)!["heldDown"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)row["kind"], (string?)row["name"], (int?)row["originalReplicas"], (string?)row["target"])
            .ShouldBe(("ScaledObject", "api-so", 4, "deployment.apps/api"));
    }
}
