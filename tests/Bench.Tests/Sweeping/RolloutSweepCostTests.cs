using Tarnfui.Bench.Sweep;
using Tarnfui.Emulator.Seeding;
using Xunit.Abstractions;

namespace Tarnfui.Bench.Tests.Sweeping;

/// <summary>
/// Issue 18's bound for Argo Rollouts: 1,000 Rollouts (99 % at zero, as the Deployments) added to a seeded cluster, and
/// a night sweep still costs at most five requests: the held Rollouts are a watched view, and discovery is asked once
/// per interval, not per sweep.
/// </summary>
public class RolloutSweepCostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_thousand_rollouts_leave_the_night_sweep_at_five_requests()
    {
        // 10,000 Deployments, 99 % at zero: 100 run with 2 pods each; 1,000 Rollouts, 10 of them running with 2 pods.
        var shape = new ClusterShape { Namespaces = 100, Deployments = 10_000, ZeroFraction = 0.99, RunningReplicas = 2, KubeSystemPods = 2, DaemonSets = 1, FinishedJobPods = 20 };
        const int Deployments = 100;
        const int Rollouts = 1_000;
        const int RunningRollouts = 10;

        var costs = await SweepCostScenario.RunAsync(shape, readStopRoute: false, cronJobs: 0, rollouts: Rollouts, naive: false);

        foreach (var c in costs)
        {
            output.WriteLine($"{c.Sweeper,-8} {c.Phase,-18} {c.Wall.TotalSeconds,6:0.0}s {c.Requests,6} requests {c.Bytes,12} bytes {c.Actions,5} actions  {string.Join(", ", c.ByVerbAndResource.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        var evening = Phase("evening stop");
        evening.Actions.ShouldBe(Deployments + RunningRollouts);
        Of(evening, "patch rollouts").ShouldBe(RunningRollouts, "one tested JSON Patch per stopped Rollout");

        var night = Phase("night");
        night.Actions.ShouldBe(0);
        night.Requests.ShouldBeLessThanOrEqualTo(5);
        night.ByVerbAndResource.Keys.ShouldNotContain(k => k.Contains("rollouts", StringComparison.Ordinal), "the held Rollouts come from the watched view");

        var morning = Phase("morning restore");
        morning.Actions.ShouldBe(Deployments + RunningRollouts);
        Of(morning, "patch rollouts").ShouldBe(RunningRollouts);

        SweepCost Phase(string phase) => costs.Single(c => c.Sweeper == "tarnfui" && c.Phase == phase);
    }

    private static long Of(SweepCost cost, string kind) => cost.ByVerbAndResource.GetValueOrDefault(kind);
}
