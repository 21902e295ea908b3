using Tarnfui.Bench.Sweep;
using Tarnfui.Emulator.Seeding;
using Xunit.Abstractions;

namespace Tarnfui.Bench.Tests.Sweeping;

/// <summary>
/// Issue 23's bound for the kinds Tarnfui learned after Deployments: 10,000 CronJobs, 1,000 KEDA ScaledObjects and
/// 1,000 Argo Rollouts on one seeded cluster, and a night sweep still costs at most five requests and under 64 KB:
/// each kind is a watched view, and discovery is asked once per interval, not per sweep.
/// </summary>
public class NewKindsSweepCostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CronJobs_ScaledObjects_and_Rollouts_added_leave_the_night_sweep_at_five_requests_and_under_64_KB()
    {
        // 10,000 Deployments, 99 % at zero: 100 run with 2 pods each; the Rollouts 99 % at zero as well: 10 run.
        var shape = new ClusterShape { Namespaces = 100, Deployments = 10_000, ZeroFraction = 0.99, RunningReplicas = 2, KubeSystemPods = 2, DaemonSets = 1, FinishedJobPods = 20 };
        var added = new AddedKinds(CronJobs: 10_000, ScaledObjects: 1_000, Rollouts: 1_000);
        const int RunningRollouts = 10;

        var costs = await SweepCostScenario.RunAsync(shape, readStopRoute: false, added, naive: false);

        foreach (var c in costs)
        {
            output.WriteLine($"{c.Sweeper,-8} {c.Phase,-18} {c.Wall.TotalSeconds,6:0.0}s {c.Requests,6} requests {c.Bytes,12} bytes {c.Actions,5} actions  {string.Join(", ", c.ByVerbAndResource.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        // The first sweep lists each kind once for its view.
        var day = Phase("last day");
        Of(day, "list cronjobs").ShouldBeGreaterThan(0);
        Of(day, "list scaledobjects").ShouldBeGreaterThan(0);
        Of(day, "list rollouts").ShouldBeGreaterThan(0);

        var evening = Phase("evening stop");
        Of(evening, "patch cronjobs").ShouldBe(added.CronJobs, "every CronJob is suspended");
        Of(evening, "patch rollouts").ShouldBe(RunningRollouts, "every running Rollout is stopped");

        var night = Phase("night");
        night.Actions.ShouldBe(0);
        night.Requests.ShouldBeLessThanOrEqualTo(5);
        night.Bytes.ShouldBeLessThan(64 * 1024);
        night.ByVerbAndResource.Keys.ShouldNotContain(k => k.EndsWith("cronjobs", StringComparison.Ordinal) || k.EndsWith("scaledobjects", StringComparison.Ordinal) || k.EndsWith("rollouts", StringComparison.Ordinal),
            "the night reads none of the new kinds: their views are watched");

        var morning = Phase("morning restore");
        Of(morning, "patch cronjobs").ShouldBe(added.CronJobs);
        Of(morning, "patch rollouts").ShouldBe(RunningRollouts);

        SweepCost Phase(string phase) => costs.Single(c => c.Sweeper == "tarnfui" && c.Phase == phase);
    }

    private static long Of(SweepCost cost, string kind) => cost.ByVerbAndResource.GetValueOrDefault(kind);
}
