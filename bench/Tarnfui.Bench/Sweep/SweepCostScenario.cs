using System.Diagnostics;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Server;
using Tarnfui.Sandbox.InProcess;
using Tarnfui.Sandbox.Naive;

namespace Tarnfui.Bench.Sweep;

/// <summary>
/// Kinds added to a seeded cluster beside its Deployments: CronJobs (<see cref="CronJobSeeder"/>, none suspended), KEDA
/// ScaledObjects (<see cref="ScaledObjectSeeder"/>, with their CRD) and Argo Rollouts (<see cref="RolloutSeeder"/>, with theirs).
/// </summary>
public readonly record struct AddedKinds(int CronJobs, int ScaledObjects, int Rollouts);

/// <summary>What one sweep cost, from the sandbox's request log (requests and response bytes of the sweeper's identity).</summary>
public sealed record SweepCost(string Sweeper, string Phase, long Requests, long Bytes, TimeSpan Wall, int Actions, IReadOnlyDictionary<string, long> ByVerbAndResource);

/// <summary>
/// A night on a seeded sandbox cluster, swept once by Tarnfui's sweeper and once by <see cref="NaiveSweeper"/>,
/// in the same run: the last daytime sweep (the sweeper's first: it lists and watches the running ReplicaSets), the evening stop sweep
/// one interval later, a sweep during the night and the morning restore sweep; then, for Tarnfui, the next
/// evening's stop by a sweeper started cold at that moment (it lists its views first). With
/// <c>readStopRoute</c>, the same phases once more by a sweeper with <c>Sweeper:FastStop=false</c> ("tarnfui-read"),
/// on the same cluster in the same run, for the side-by-side the switch is decided on.
/// </summary>
public static class SweepCostScenario
{
    public static readonly Instant LastDay = Instant.FromUtc(2026, 11, 23, 18, 59, 30);
    public static readonly Instant Evening = Instant.FromUtc(2026, 11, 23, 19, 0);
    public static readonly Instant Night = Instant.FromUtc(2026, 11, 24, 0, 0);
    public static readonly Instant Morning = Instant.FromUtc(2026, 11, 24, 8, 0);
    public static readonly Instant NextEvening = Instant.FromUtc(2026, 11, 24, 19, 0);

    public static async Task<IReadOnlyList<SweepCost>> RunAsync(ClusterShape shape, CancellationToken cancellationToken = default) =>
        await RunAsync(shape, readStopRoute: false, cancellationToken);

    public static async Task<IReadOnlyList<SweepCost>> RunAsync(ClusterShape shape, bool readStopRoute, CancellationToken cancellationToken = default) =>
        await RunAsync(shape, readStopRoute, cronJobs: 0, naive: true, cancellationToken);

    public static async Task<IReadOnlyList<SweepCost>> RunAsync(ClusterShape shape, bool readStopRoute, int cronJobs, bool naive, CancellationToken cancellationToken = default) =>
        await RunAsync(shape, readStopRoute, new AddedKinds(cronJobs, 0, 0), naive, cancellationToken);

    public static async Task<IReadOnlyList<SweepCost>> RunAsync(ClusterShape shape, bool readStopRoute, int cronJobs, int rollouts, bool naive, CancellationToken cancellationToken = default) =>
        await RunAsync(shape, readStopRoute, new AddedKinds(cronJobs, 0, rollouts), naive, cancellationToken);

    /// <param name="shape">The seeded cluster.</param>
    /// <param name="readStopRoute">Also the phases of a sweeper with <c>Sweeper:FastStop=false</c>.</param>
    /// <param name="added">The kinds added to the cluster beside its Deployments.</param>
    /// <param name="naive">Whether the naive sweeper sweeps the same phases.</param>
    /// <param name="cancellationToken">Ends the run.</param>
    public static async Task<IReadOnlyList<SweepCost>> RunAsync(ClusterShape shape, bool readStopRoute, AddedKinds added, bool naive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shape);
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Evening - Duration.FromHours(8), Speed = 0 }, cancellationToken);
        server.Seed(shape);
        CronJobSeeder.Seed(server.Store, shape, added.CronJobs);
        await ScaledObjectSeeder.SeedAsync(server, shape, added.ScaledObjects, cancellationToken);
        await RolloutSeeder.SeedAsync(server, shape, added.Rollouts, cancellationToken);
        await server.Controllers.SettledAsync(SettleBound);
        var costs = new List<SweepCost>();
        string[] settings = ["--Sweeper:LeaderElection=false", "--Sweeper:Qps=100000", "--Sweeper:Burst=100000"];

        await using (var sweeper = await HostedSweeper.CreateAsync(server, settings, cancellationToken))
        {
            foreach (var (phase, at) in readStopRoute ? WithSteadyDay : Phases)
            {
                costs.Add(await MeasureAsync(server, "tarnfui", phase, at, () => ActionsAsync(sweeper, cancellationToken)));
            }
        }

        if (naive)
        {
            using var client = server.CreateClient(EmulatorUsers.Sweeper);
            var naiveSweeper = new NaiveSweeper(client, new PolicyResolver(GlobalPolicy.Create(new ScheduleOptions()).Value), NaiveSweepMode.PagedWriting);
            foreach (var (phase, at) in Phases)
            {
                costs.Add(await MeasureAsync(server, "naive", phase, at, async () => (await naiveSweeper.SweepAsync(at, cancellationToken)).Writes));
            }
        }

        await using (var cold = await HostedSweeper.CreateAsync(server, settings, cancellationToken))
        {
            costs.Add(await MeasureAsync(server, "tarnfui", ColdStop, NextEvening, () => ActionsAsync(cold, cancellationToken)));
            if (readStopRoute)
            {
                // Restored the next morning, the cluster meets the same day and night again with the other route.
                await MeasureAsync(server, "tarnfui", "next morning", NextEvening + Duration.FromHours(13), () => ActionsAsync(cold, cancellationToken));
            }
        }

        if (readStopRoute)
        {
            string[] reading = [.. settings, "--Sweeper:FastStop=false"];
            await using (var sweeper = await HostedSweeper.CreateAsync(server, reading, cancellationToken))
            {
                foreach (var (phase, at) in WithSteadyDay)
                {
                    costs.Add(await MeasureAsync(server, ReadStopRoute, phase, at, () => ActionsAsync(sweeper, cancellationToken)));
                }
            }

            await using var cold = await HostedSweeper.CreateAsync(server, reading, cancellationToken);
            costs.Add(await MeasureAsync(server, ReadStopRoute, ColdStop, NextEvening, () => ActionsAsync(cold, cancellationToken)));
        }

        return costs;
    }

    // A bound, not a wait: after an evening that patched 10,000 CronJobs the emulated controllers have that many keys to
    // work through, which takes minutes on a build machine whose two cores a dozen jobs share.
    private static readonly TimeSpan SettleBound = TimeSpan.FromMinutes(10);

    /// <summary>The sweeper with <c>Sweeper:FastStop=false</c>.</summary>
    public const string ReadStopRoute = "tarnfui-read";

    /// <summary>The phase of a stop sweep by a sweeper that has just started.</summary>
    public const string ColdStop = "cold evening stop";

    private static readonly (string Phase, Instant At)[] Phases = [("last day", LastDay), ("evening stop", Evening), ("night", Night), ("morning restore", Morning)];

    // The side-by-side adds a daytime sweep by a sweeper that knows the cluster already: the cost of every day sweep.
    private static readonly (string Phase, Instant At)[] WithSteadyDay = [Phases[0], ("steady day", LastDay + Duration.FromSeconds(15)), .. Phases[1..]];

    private static async Task<int> ActionsAsync(HostedSweeper sweeper, CancellationToken cancellationToken)
    {
        var report = await sweeper.SweepAsync(cancellationToken);
        return report.Stopped.Count + report.Restored.Count + report.RestoreSkipped.Count;
    }

    private static async Task<SweepCost> MeasureAsync(EmulatorServer server, string sweeper, string phase, Instant at, Func<Task<int>> sweep)
    {
        server.Clock.SetTo(at);
        server.Stats.Reset();
        var wall = Stopwatch.StartNew();
        var actions = await sweep();
        wall.Stop();

        // Only what the sweeper asked for; the watches it keeps open are long-running and settle nothing here.
        var log = server.Stats.Requests().Where(r => r.User == EmulatorUsers.Sweeper && r.Verb != "watch").ToList();
        var byKind = log.GroupBy(r => $"{r.Verb} {r.Resource}").ToDictionary(g => g.Key, g => (long)g.Count());
        await server.Controllers.SettledAsync(SettleBound);
        return new SweepCost(sweeper, phase, log.Count, log.Sum(r => r.Bytes), wall.Elapsed, actions, byKind);
    }
}
