using Tarnfui.Bench.Sweep;
using Tarnfui.Emulator.Seeding;
using Xunit.Abstractions;

namespace Tarnfui.Bench.Tests.Sweeping;

/// <summary>
/// Issue 16's bound: 10,000 CronJobs added to the 100,000-Deployment cluster, and a night sweep still costs at most five
/// requests and less than 64 KB, because the CronJobs are a watched view, not a list per sweep.
/// </summary>
public class CronJobSweepCostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_thousand_cronjobs_leave_the_night_sweep_at_five_requests_and_under_64_KB()
    {
        // 100,000 Deployments, 99 % at zero: 1,000 run with 2 pods each; 10,000 nightly CronJobs, none suspended.
        var shape = new ClusterShape { Namespaces = 500, Deployments = 100_000, ZeroFraction = 0.99, RunningReplicas = 2, KubeSystemPods = 2, DaemonSets = 1, FinishedJobPods = 20 };
        const int Deployments = 1_000;
        const int CronJobs = 10_000;

        var costs = await SweepCostScenario.RunAsync(shape, readStopRoute: false, cronJobs: CronJobs, naive: false);

        foreach (var c in costs)
        {
            output.WriteLine($"{c.Sweeper,-8} {c.Phase,-18} {c.Wall.TotalSeconds,6:0.0}s {c.Requests,6} requests {c.Bytes,12} bytes {c.Actions,5} actions  {string.Join(", ", c.ByVerbAndResource.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        // The first sweep lists the CronJobs once for the view (whole objects: spec.suspend is not in metadata).
        Of(Phase("last day"), "list cronjobs").ShouldBeGreaterThan(0);

        var evening = Phase("evening stop");
        evening.Actions.ShouldBe(Deployments + CronJobs);
        Of(evening, "list cronjobs").ShouldBe(0, "the watch keeps the view current");
        Of(evening, "get cronjobs").ShouldBe(0, "each CronJob is decided from the view");
        Of(evening, "patch cronjobs").ShouldBe(CronJobs, "one tested JSON Patch per suspended CronJob");

        var night = Phase("night");
        night.Actions.ShouldBe(0);
        night.Requests.ShouldBeLessThanOrEqualTo(5);
        night.Bytes.ShouldBeLessThan(64 * 1024);
        Of(night, "list cronjobs").ShouldBe(0);

        var morning = Phase("morning restore");
        morning.Actions.ShouldBe(Deployments + CronJobs);
        Of(morning, "patch cronjobs").ShouldBe(CronJobs);
        Of(morning, "get cronjobs").ShouldBe(0, "no precondition failed: the view was current");

        SweepCost Phase(string phase) => costs.Single(c => c.Sweeper == "tarnfui" && c.Phase == phase);
    }

    private static long Of(SweepCost cost, string kind) => cost.ByVerbAndResource.GetValueOrDefault(kind);
}
