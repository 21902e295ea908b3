using Tarnfui.Bench.Sweep;
using Tarnfui.Sandbox.Seeding;
using Xunit.Abstractions;

namespace Tarnfui.Sweeper.Tests.Cost;

public class SweepCostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_stop_sweep_costs_pages_owner_lookups_and_two_requests_per_stop_and_a_night_sweep_at_most_five()
    {
        // 20,000 Deployments, 99 % at zero: 200 run with 2 pods each, next to kube-system, DaemonSet and finished Job pods.
        var shape = new ClusterShape { Namespaces = 100, Deployments = 20_000, ZeroFraction = 0.99, RunningReplicas = 2, KubeSystemPods = 2, DaemonSets = 1, FinishedJobPods = 20 };

        var costs = await SweepCostScenario.RunAsync(shape);

        foreach (var c in costs)
        {
            output.WriteLine($"{c.Sweeper,-8} {c.Phase,-16} {c.Wall.TotalSeconds,6:0.0}s {c.Requests,6} requests {c.Bytes,12} bytes {c.Actions,4} actions  {string.Join(", ", c.ByVerbAndResource.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        var evening = costs.Single(c => c is { Sweeper: "tarnfui", Phase: "evening stop" });
        evening.Actions.ShouldBe(200);
        long Of(string kind) => evening.ByVerbAndResource.GetValueOrDefault(kind);
        var podPages = Of("list pods");
        var viewPages = Of("list namespaces") + Of("list deployments") + Of("list statefulsets");
        var ownerLookups = Of("get replicasets");
        ownerLookups.ShouldBe(200, "one metadata GET per distinct ReplicaSet");
        Of("get deployments").ShouldBe(200, "the read a stop decides on");
        Of("patch deployments").ShouldBe(200, "one write per stopped workload");
        Of("create events").ShouldBe(200, "one Event per stop");
        evening.Requests.ShouldBeLessThanOrEqualTo(podPages + viewPages + ownerLookups + (2 * 200) + 200);

        var night = costs.Single(c => c is { Sweeper: "tarnfui", Phase: "night" });
        night.Requests.ShouldBeLessThanOrEqualTo(5);
        night.Actions.ShouldBe(0);

        var morning = costs.Single(c => c is { Sweeper: "tarnfui", Phase: "morning restore" });
        morning.Actions.ShouldBe(200);

        var naiveEvening = costs.Single(c => c is { Sweeper: "naive", Phase: "evening stop" });
        var naiveNight = costs.Single(c => c is { Sweeper: "naive", Phase: "night" });
        naiveEvening.Actions.ShouldBe(200, "the naive sweeper makes the same decisions");
        naiveEvening.Bytes.ShouldBeGreaterThan(10 * evening.Bytes);
        naiveNight.Bytes.ShouldBeGreaterThan(1000 * night.Bytes);
    }
}
