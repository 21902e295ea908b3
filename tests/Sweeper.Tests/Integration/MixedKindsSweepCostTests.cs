using System.Globalization;
using System.Text.Json.Nodes;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Accounting;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Store;
using Tarnfui.Sweeper.Sweeping;
using Tarnfui.Testing;
using Xunit.Abstractions;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// Issue 18's bound with both kinds in one cluster: 1,000 Argo Rollouts and 1,000 KEDA ScaledObjects (their targets
/// Deployments), nearly all at zero by night, and the night sweep still costs at most five requests: the held Rollouts
/// and the ScaledObjects are watched views, discovery is asked once per interval, and the targets' annotations were read
/// before the evening's writes. Its own sandbox: it installs both CRDs and its thousands of objects must not reach the
/// other tests' cluster.
/// </summary>
[Collection("MixedKindsCostSandbox")]
public sealed class MixedKindsSweepCostTests(SweeperSandbox sandbox, ITestOutputHelper output)
{
    private const int Rollouts = 1_000;
    private const int ScaledObjects = 1_000;

    // One in a hundred of each runs in the evening, as in the Deployment cost scenarios.
    private const int RunningEvery = 100;

    [Fact]
    public async Task A_thousand_rollouts_and_a_thousand_ScaledObjects_leave_the_night_sweep_at_five_requests()
    {
        await ArgoRollouts.InstallAsync(sandbox.Server);
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync("mixed-cost");
        var store = sandbox.Server.Store;
        var rollouts = store.Types.Find(ArgoRollouts.Group, ArgoRollouts.Version, ArgoRollouts.Plural).ShouldNotBeNull();
        var scaledObjects = store.Types.Find(WellKnown.Keda.Group, WellKnown.Keda.Version, WellKnown.Keda.ScaledObjects).ShouldNotBeNull();
        var running = Enumerable.Range(0, Rollouts).Where(IsRunning).ToList();
        var idle = Enumerable.Range(0, Rollouts).Where(i => !IsRunning(i)).ToList();
        store.CreateMany(rollouts, running.Select(i => Rollout(ns, i, RunningReplicas)));
        store.CreateMany(ResourceTypes.Deployments, running.Select(i => Target(ns, i, RunningReplicas)));
        await sandbox.SettledAsync();

        // The idle ones are seeded past the controllers, as the bench's seeder seeds: reconciling thousands of objects at
        // zero would only give each an empty ReplicaSet, which no sweep reads (the stop pass starts from running pods).
        using (sandbox.Server.Controllers.SeedingScope())
        {
            store.CreateMany(rollouts, idle.Select(i => Rollout(ns, i, 0)));
            store.CreateMany(ResourceTypes.Deployments, idle.Select(i => Target(ns, i, 0)));
            store.CreateMany(scaledObjects, Enumerable.Range(0, ScaledObjects).Select(i => KedaScaledObjects.Json(ns, TargetName(i), TargetName(i))));
        }

        await using var sweeper = TestSweeper.Create(sandbox.Server);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var (evening, eveningCost) = await MeasureAsync(sweeper);
        evening.Stopped.Where(w => w.Namespace == ns).ShouldAllBe(w => w.Kind == WorkloadKind.Rollout, "a KEDA target is paused through its ScaledObject, never stopped");
        evening.Stopped.Count(w => w.Namespace == ns).ShouldBe(Rollouts / RunningEvery);
        evening.ScaledObjectsPaused.Count(key => key.StartsWith(ns + "/", StringComparison.Ordinal)).ShouldBe(ScaledObjects);
        (await sandbox.Server.Keda.SyncAsync()).Refused.ShouldBeEmpty();
        await sandbox.SettledAsync();
        (await sandbox.RunningPodsAsync(ns)).ShouldBe(0, "KEDA scaled the paused targets down, the stop the Rollouts");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        var (night, nightCost) = await MeasureAsync(sweeper);
        Print("evening", eveningCost);
        Print("night", nightCost);

        night.Stopped.ShouldBeEmpty();
        night.ScaledObjectsPaused.ShouldBeEmpty();
        night.Writes.ShouldBe(0);
        nightCost.Count.ShouldBeLessThanOrEqualTo(5, string.Join(", ", nightCost.Select(r => $"{r.Verb} {r.Path}")));
        nightCost.ShouldNotContain(r => r.Path.Contains(WellKnown.Keda.Group, StringComparison.Ordinal) || r.Path.Contains(ArgoRollouts.Group, StringComparison.Ordinal),
            "the watches keep the held Rollouts and the ScaledObjects current, and discovery was answered in the evening");
    }

    private const int RunningReplicas = 2;

    private static bool IsRunning(int index) => index % RunningEvery == 0;

    private static string TargetName(int index) => $"worker-{index:D4}";

    private static JsonObject Rollout(string ns, int index, int replicas) => Workload("argoproj.io/v1alpha1", "Rollout", ns, $"ro-{index:D4}", replicas);

    private static JsonObject Target(string ns, int index, int replicas) => Workload("apps/v1", "Deployment", ns, TargetName(index), replicas);

    private async Task<(SweepReport Report, List<RequestRecord> Requests)> MeasureAsync(TestSweeper sweeper)
    {
        var before = sandbox.Server.Stats.LastSequence;
        var report = await sweeper.SweepAsync();
        return (report, [.. sandbox.Server.Stats.Requests().Where(r => r.Sequence > before && r.User == EmulatorUsers.Sweeper)]);
    }

    private void Print(string phase, List<RequestRecord> requests) =>
        output.WriteLine($"{phase}: {requests.Count} requests, {requests.Sum(r => r.Bytes).ToString("N0", CultureInfo.InvariantCulture)} bytes  "
            + string.Join(", ", requests.GroupBy(r => $"{r.Verb} {r.Resource}").Select(g => $"{g.Key}={g.Count()}")));

    // A Rollout's spec has the shape of a Deployment's for what the controllers read (a canary with no steps is Argo's default).
    private static JsonObject Workload(string apiVersion, string kind, string ns, string name, int replicas) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = $"registry.example/{name}:1" }) },
            },
        },
    };
}
