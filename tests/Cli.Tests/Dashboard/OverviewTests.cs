using System.Text.Json.Nodes;
using Tarnfui.Cli.Dashboard;
using Tarnfui.Cli.Tests.Cluster;
using Tarnfui.Core;
using Tarnfui.Testing;

namespace Tarnfui.Cli.Tests.Dashboard;

[Collection("Sandbox")]
public class OverviewTests(SandboxFixture sandbox)
{
    // A ScaledObject paused by Tarnfui: its record puts 4 replicas back on its target.
    private static readonly Dictionary<string, string> PausedScaledObject = new()
    {
        [WellKnown.Keda.PausedReplicas] = "0",
        [WellKnown.Annotations.OriginalReplicas] = "4",
        [WellKnown.Annotations.HeldReplicas] = "0",
        [WellKnown.Annotations.OriginalPausedReplicas] = WellKnown.Annotations.UnsetValue,
        [WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z",
    };

    [Fact]
    public async Task The_overview_counts_equal_the_status_report()
    {
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        await sandbox.DeploymentAsync(ns, "queue", 0);
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "queue-so", "queue", PausedScaledObject, stoppedLabel: true);
        await sandbox.StoppedDeploymentAsync(ns, "web", original: 2);
        await sandbox.StoppedStatefulSetAsync(ns, "db", original: 1);
        await sandbox.DeploymentAsync(ns, "running", 4);
        await sandbox.CronJobAsync(ns, "nightly", suspend: true, tarnfuiSuspended: true);
        await sandbox.CronJobAsync(ns, "hourly", suspend: false);

        var status = await sandbox.RunAsync("status", "-n", ns, "-o", "json");
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns });
        var page = await dashboard.PageAsync("/");

        status.ExitCode.ShouldBe(0, status.Error);
        var report = JsonNode.Parse(status.Out)!;
        var held = report["heldDown"]!.AsArray();
        var suspended = report["cronJobs"]!.AsArray().Count(c => c!["state"]!.GetValue<string>() == "suspended-by-tarnfui");
        int HeldOf(string kind) => held.Count(h => h!["kind"]!.GetValue<string>() == kind);
        DashboardPage.Number(page, "held-total").ShouldBe(held.Count + suspended);
        DashboardPage.Number(page, "held-deployments").ShouldBe(HeldOf("Deployment"));
        DashboardPage.Number(page, "held-statefulsets").ShouldBe(HeldOf("StatefulSet"));
        DashboardPage.Number(page, "held-cronjobs").ShouldBe(suspended);
        DashboardPage.Number(page, "held-scaledobjects").ShouldBe(HeldOf("ScaledObject"));
        DashboardPage.Number(page, "replicas-held").ShouldBe(held.Sum(h => h!["originalReplicas"]!.GetValue<int>()));

        // Not vacuous: the namespace holds something of each.
        DashboardPage.Number(page, "held-total").ShouldBe(5);
        DashboardPage.Number(page, "held-scaledobjects").ShouldBe(1);
        DashboardPage.Number(page, "replicas-held").ShouldBe(10);
        DashboardPage.Count(page, "ns-row").ShouldBe(1);
    }

    [Fact]
    public async Task Held_argo_rollouts_are_counted_as_status_counts_them()
    {
        await ArgoRollouts.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();
        await ArgoRollouts.CreateAsync(sandbox.Admin, ns, "web", 3);
        (await sandbox.RunAsync("sleep", "ro/web", "-n", ns, "--now", SandboxFixture.Start.ToString())).ExitCode.ShouldBe(0);

        var status = await sandbox.RunAsync("status", "-n", ns, "-o", "json");
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns });
        var page = await dashboard.PageAsync("/");

        var held = JsonNode.Parse(status.Out)!["heldDown"]!.AsArray();
        held.Count(h => h!["kind"]!.GetValue<string>() == "Rollout").ShouldBe(1);
        DashboardPage.Number(page, "held-rollouts").ShouldBe(1);
        DashboardPage.Number(page, "held-total").ShouldBe(held.Count);
    }
}
