using System.Text.Json.Nodes;
using Tarnfui.Core;
using Tarnfui.Testing;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>explain names the KEDA ScaledObject that scales a workload and says what the night does to it.</summary>
[Collection("Sandbox")]
public class ExplainScaledObjectTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task Explain_names_the_ScaledObject_and_says_it_is_paused_off_hours_or_what_its_record_holds()
    {
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 3);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "api-so", "api");
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "other-so", "other");
        await sandbox.DeploymentAsync(ns, "held", 0);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "held-so", "held", new Dictionary<string, string>
        {
            [WellKnown.Keda.PausedReplicas] = "0",
            [WellKnown.Annotations.OriginalReplicas] = "4",
            [WellKnown.Annotations.HeldReplicas] = "0",
            [WellKnown.Annotations.OriginalPausedReplicas] = WellKnown.Annotations.UnsetValue,
        }, stoppedLabel: true);

        var free = await sandbox.RunAsync("explain", "deploy/api", "-n", ns, "--now", "2026-11-23T12:00:00Z");
        var held = await sandbox.RunAsync("explain", "deploy/held", "-n", ns, "-o", "json");

        free.ExitCode.ShouldBe(0, free.Error);
        free.Out.ShouldContain("ScaledObject:       scaledobject/api-so: paused at 0 by KEDA's paused-replicas off-hours; target put back at its count in the morning");
        free.Out.ShouldNotContain("other-so");
        held.ExitCode.ShouldBe(0, held.Error);
        var note = JsonNode.Parse(held.Out)!["scaledObject"]!;
        ((string?)note["name"], (bool?)note["pausedByTarnfui"]).ShouldBe(("held-so", true));
        ((string?)note["offHours"]).ShouldBe("scaledobject/held-so: paused at 0 by Tarnfui; target put back at 4 in the morning");
    }

    [Fact]
    public async Task Explain_of_a_ScaledObject_explains_the_workload_it_scales()
    {
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 3);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "api-so", "api");

        var run = await sandbox.RunAsync("explain", "so/api-so", "-n", ns, "--now", "2026-11-23T12:00:00Z");
        var missing = await sandbox.RunAsync("explain", "scaledobject/none", "-n", ns);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("Name:               api\n");
        run.Out.ShouldContain("ScaledObject:       scaledobject/api-so: paused at 0");
        missing.ExitCode.ShouldBe(1);
        missing.Error.ShouldContain("scaledobjects.keda.sh \"none\" not found");
    }
}
