using Microsoft.Extensions.DependencyInjection;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// What the view holds between sweeps of a stopped workload and of a namespace, whichever way it arrived (the stop's
/// answer, the watch, a fresh list): the decisive part only, and the restore still decides from it.
/// </summary>
[Collection("Sandbox")]
public class ViewRetentionTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task The_view_keeps_of_a_stopped_workload_and_its_namespace_only_what_decisions_read()
    {
        var ns = await sandbox.NamespaceAsync("retention", new Dictionary<string, string>
        {
            ["example.com/cost-center"] = "4711",
            [WellKnown.Annotations.DowntimeReplicas] = "0",
        });
        var created = await sandbox.DeploymentAsync(ns, "api", 2, new Dictionary<string, string>
        {
            [DeploymentControllerAnnotations.LastAppliedConfiguration] = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"," + new string(' ', 4000) + "}",
            ["example.com/team"] = "payments",
        });
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, "view-retention");
        var view = sweeper.Services.GetRequiredService<ClusterView>();

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.ShouldContain(w => w.Namespace == ns && w.Name == "api");
        ShouldHoldOnlyTheDecisivePart(view, ns, created.Metadata.Uid);

        // Its pods stop, the controller moves its status, the watch brings each version: the entry follows the version
        // and keeps what one replica requests (from the stop's answer), which the held-down metrics sum.
        await sandbox.SettledAsync();
        var current = (await sandbox.ReadAsync(ns, "api")).Metadata.ResourceVersion;
        await UntilAsync(() => view.Stopped(WorkloadKind.Deployment).Get(ns, "api")?.ResourceVersion == current, "the watch brings the last version");
        var perReplica = view.Stopped(WorkloadKind.Deployment).Get(ns, "api").ShouldNotBeNull().PerReplica;
        (perReplica.CpuCores, perReplica.MemoryBytes).ShouldBe((0.25, 64.0 * 1024 * 1024));
        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        await sweeper.SweepAsync();
        HeldDownSeries.Cpu(sweeper.Services.GetRequiredService<Metrics>(), ns, "Deployment").ShouldBe(0.5);
        ShouldHoldOnlyTheDecisivePart(view, ns, created.Metadata.Uid);

        // A sweeper started now lists the stopped set instead: the same is kept.
        await using var fresh = TestSweeper.Create(sandbox.Server, "view-retention-fresh");
        var listed = fresh.Services.GetRequiredService<ClusterView>();
        await listed.EnsureSyncedAsync(CancellationToken.None);
        ShouldHoldOnlyTheDecisivePart(listed, ns, created.Metadata.Uid);

        // And the restore decides from what was kept.
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        (await fresh.SweepAsync()).Restored.ShouldContain(w => w.Namespace == ns && w.Name == "api");
        await sandbox.SettledAsync();
        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(2);
        listed.Stopped(WorkloadKind.Deployment).Get(ns, "api").ShouldBeNull();
    }

    // Polls a condition that changes in the background (the watch), with a bound.
    private static Task UntilAsync(Func<bool> condition, string what) =>
        Morning.Poll.UntilAsync(() => Task.FromResult(condition() ? null : what), missing => missing);

    private static void ShouldHoldOnlyTheDecisivePart(ClusterView view, string ns, string uid)
    {
        var kept = view.Stopped(WorkloadKind.Deployment).Get(ns, "api").ShouldNotBeNull();
        kept.Uid.ShouldBe(uid);
        kept.ResourceVersion.ShouldNotBeNullOrEmpty();
        (kept.Replicas, kept.OperatorOwned).ShouldBe(((int?)null, false));
        kept.Metadata.Annotations.ShouldNotBeNull().Keys.Order(StringComparer.Ordinal)
            .ShouldBe(
                WellKnown.Annotations.State.Where(k => k != WellKnown.Annotations.OriginalSuspend && k != WellKnown.Annotations.OriginalPausedReplicas).Order(StringComparer.Ordinal),
                "a Deployment's record: no CronJob or ScaledObject key");
        kept.Metadata.Labels.ShouldNotBeNull().Keys.ShouldBe([WellKnown.Labels.Stopped]);
        view.NamespaceAnnotations(ns).ShouldNotBeNull().Keys.ShouldBe([WellKnown.Annotations.DowntimeReplicas]);
    }
}
