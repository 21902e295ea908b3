using Tarnfui.Bench.Sweep;
using Tarnfui.Emulator.Seeding;
using Xunit.Abstractions;

namespace Tarnfui.Bench.Tests.Sweeping;

public class SweepCostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_stop_sweep_costs_pages_owner_lookups_and_two_requests_per_stop_and_a_night_sweep_at_most_five()
    {
        // 20,000 Deployments, 99 % at zero: 200 run with 2 pods each, next to kube-system, DaemonSet and finished Job pods.
        var shape = new ClusterShape { Namespaces = 100, Deployments = 20_000, ZeroFraction = 0.99, RunningReplicas = 2, KubeSystemPods = 2, DaemonSets = 1, FinishedJobPods = 20 };
        const int Stopped = 200;

        var costs = await SweepCostScenario.RunAsync(shape);

        foreach (var c in costs)
        {
            output.WriteLine($"{c.Sweeper,-8} {c.Phase,-18} {c.Wall.TotalSeconds,6:0.0}s {c.Requests,6} requests {c.Bytes,12} bytes {c.Actions,4} actions  {string.Join(", ", c.ByVerbAndResource.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        // Daytime: the first sweep learns the ReplicaSets that run from one metadata list (a page here); no workload is read.
        var day = Tarnfui("last day");
        day.Actions.ShouldBe(0);
        Of(day, "list replicasets").ShouldBe(1, "the running ReplicaSets, listed once and then watched");
        Of(day, "get replicasets").ShouldBe(0, "no ReplicaSet read one by one");
        Of(day, "get deployments").ShouldBe(0, "a daytime sweep decides from the ReplicaSets' copies");

        // Evening, one interval later: issue 6's bound, literally, and issue 9's floor of pages + 2 per stopped workload.
        var evening = Tarnfui("evening stop");
        evening.Actions.ShouldBe(Stopped);
        Of(evening, "get deployments").ShouldBe(0, "stops are planned from the ReplicaSets' copies");
        Of(evening, "patch deployments").ShouldBe(Stopped, "one tested JSON Patch per stopped workload");
        Of(evening, "create events").ShouldBe(Stopped, "one Event per stop");
        evening.Requests.ShouldBeLessThanOrEqualTo(Of(evening, "list pods") + Of(evening, "list namespaces") + Of(evening, "get replicasets") + (2 * Stopped));
        evening.Requests.ShouldBeLessThanOrEqualTo(Of(evening, "list pods") + (2 * Stopped));

        // A sweeper started at the stop: its views' lists come first, the running ReplicaSets' among them.
        var cold = Tarnfui(SweepCostScenario.ColdStop);
        cold.Actions.ShouldBe(Stopped);
        Of(cold, "get replicasets").ShouldBe(0);
        Of(cold, "list replicasets").ShouldBe(1);
        Of(cold, "get deployments").ShouldBe(0);
        var viewPages = Of(cold, "list namespaces") + Of(cold, "list deployments") + Of(cold, "list statefulsets") + Of(cold, "list cronjobs")
            + Of(cold, "list horizontalpodautoscalers") + Of(cold, "list replicasets");
        Of(cold, "list cronjobs").ShouldBe(1, "the CronJob view's first list: one page, empty here");
        Of(cold, "list horizontalpodautoscalers").ShouldBe(1, "the HPA view's first list: one page, empty here");
        // Discovery of the optional kinds (Argo Rollouts, KEDA ScaledObjects), once per leader term and interval.
        var discovery = Of(cold, "get /apis/argoproj.io/v1alpha1") + Of(cold, "get /apis/keda.sh/v1alpha1");
        discovery.ShouldBe(2, "one discovery request per optional kind, answered 404 here");
        cold.Requests.ShouldBe(Of(cold, "list pods") + viewPages + discovery + (2 * Stopped));

        var night = Tarnfui("night");
        night.Requests.ShouldBeLessThanOrEqualTo(5);
        night.Bytes.ShouldBeLessThan(64 * 1024);
        night.Actions.ShouldBe(0);

        var morning = Tarnfui("morning restore");
        morning.Actions.ShouldBe(Stopped);

        var naiveEvening = costs.Single(c => c is { Sweeper: "naive", Phase: "evening stop" });
        var naiveNight = costs.Single(c => c is { Sweeper: "naive", Phase: "night" });
        naiveEvening.Actions.ShouldBe(Stopped, "the naive sweeper makes the same decisions");
        naiveEvening.Bytes.ShouldBeGreaterThan(20 * evening.Bytes);
        naiveNight.Bytes.ShouldBeGreaterThan(1000 * night.Bytes);

        SweepCost Tarnfui(string phase) => costs.Single(c => c.Sweeper == "tarnfui" && c.Phase == phase);
    }

    private static long Of(SweepCost cost, string kind) => cost.ByVerbAndResource.GetValueOrDefault(kind);
}
