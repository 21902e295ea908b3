using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Emulator.Accounting;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Server;
using Tarnfui.Sandbox.InProcess;

namespace Tarnfui.Bench.Scenarios.SweepCost;

/// <summary>
/// <c>scenario sweep-cost</c>: for each cluster size, a night on a seeded sandbox swept by Tarnfui's sweeper (hosted
/// in this process on the sandbox's simulated clock, as it runs for hours: views listed once, then watched) and by
/// <see cref="Tarnfui.Sandbox.Naive.NaiveSweeper"/> (one child process per tick), in the same run, on the same cluster. Requests and
/// response bytes come from the sandbox's request log, per identity. Peak memory is each sweeper's own process:
/// Tarnfui's as the <see cref="ScenarioSettings.Sweeper"/> build, <c>--once --dry-run</c>, at the same moment (a dry run reads and plans exactly
/// as the sweep does and skips only the writes), the naive one's as the child that swept.
/// </summary>
internal static class SweepCostRun
{
    public const string Name = "sweep-cost";

    // Monday 19:00 UTC, when the default uptime (Mon-Fri 07:00-19:00 UTC) ends; 12 h later it starts again.
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 23, 19, 0);
    private static readonly Duration Interval = Duration.FromSeconds(30);
    private static readonly Duration DayBeforeEvening = Duration.FromMinutes(10);

    public static async Task<ScenarioOutcome> RunAsync(ScenarioSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var machine = MachineFacts.Now();
        var phases = new List<PhaseCost>();
        var nights = new List<NightCost>();
        var footprints = new List<EmulatorFootprint>();
        foreach (var size in settings.Sizes.Order())
        {
            var (sizePhases, sizeNights, footprint) = await RunSizeAsync(size, settings, log, cancellationToken);
            phases.AddRange(sizePhases);
            nights.AddRange(sizeNights);
            footprints.Add(footprint);
        }

        var (deployments, added, newKindCosts) = await NewKindsNight.RunAsync(NewKindsNight.Deployments(settings.Sizes), log, cancellationToken);
        var lease = await LeaseCost.MeasureAsync(cancellationToken);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"lease: {lease.Reads} reads and {lease.Updates} updates over {lease.Renewals} renewals; {lease.RequestsPerHour:N0} requests an hour at a {lease.RetryPeriod.TotalSeconds:0} s retry period"));
        List<TargetCheck> targets =
        [
            .. SweepCostReport.Targets(phases, nights),
            .. SweepCostReport.ScalingTargets(phases),
            .. NewKindsNight.Targets(deployments, added, newKindCosts),
            lease.Target(),
        ];
        var markdown = SweepCostReport.Markdown(settings, machine, phases, nights, targets,
            EmulatorFootprint.Markdown(footprints) + lease.Markdown(nights, Interval.ToTimeSpan()) + NewKindsNight.Markdown(deployments, added, newKindCosts));
        var figures = new JsonObject
        {
            ["command"] = settings.Command,
            ["machine"] = machine.ToJson(),
            ["phases"] = new JsonArray([.. phases.Select(p => (JsonNode)p.ToJson())]),
            ["nights"] = new JsonArray([.. nights.Select(n => (JsonNode)n.ToJson())]),
            ["emulator"] = new JsonArray([.. footprints.Select(f => (JsonNode)f.ToJson())]),
            ["lease"] = lease.ToJson(),
            ["newKindsNight"] = NewKindsNight.ToJson(deployments, added, newKindCosts),
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t.ToJson())]),
        };
        return new ScenarioOutcome(Name, markdown, figures, targets);
    }

    private static async Task<(List<PhaseCost>, List<NightCost>, EmulatorFootprint)> RunSizeAsync(int size, ScenarioSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var shape = Shape(size);
        var run = Stopwatch.StartNew();
        var liveBefore = EmulatorFootprint.LiveBytes();
        var morning = Evening + (Interval * settings.NightTicks);
        var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Evening - Duration.FromHours(8), Speed = 0 }, cancellationToken);
        var stats = server.Stats;
        var phases = new List<PhaseCost>();
        var nights = new List<NightCost>();
        var tarnfuiNight = (Requests: 0L, Bytes: 0L, MaxRequests: 0L, MaxBytes: 0L, Wall: 0.0, Measured: 0);
        long watchBytes;
        EmulatorFootprint footprint;
        try
        {
            var seeded = server.Seed(shape);
            await server.Controllers.SettledAsync(SettleBound(size));
            var storeBytes = EmulatorFootprint.LiveBytes() - liveBefore;
            footprint = new EmulatorFootprint(size, shape.Namespaces, EmulatorFootprint.StoredObjectsOf(server), storeBytes, seeded.Elapsed.TotalSeconds, 0, 0);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"sweep-cost {size:N0}: seeded {seeded.Workloads:N0} workloads and {seeded.Pods:N0} pods in {seeded.Elapsed.TotalSeconds:F1} s; the store keeps {ByteSize.Format(storeBytes)}, {footprint.BytesPerDeployment:N0} B per Deployment"));

            var directory = Directory.CreateTempSubdirectory("tarnfui-sweep-cost-");
            try
            {
                var sweeperConfig = server.WriteKubeconfig(Path.Combine(directory.FullName, "sweeper"), EmulatorUsers.Sweeper);
                var naiveConfig = server.WriteKubeconfig(Path.Combine(directory.FullName, "naive"), EmulatorUsers.NaiveSweeper);
                // Tarnfui: stop, every night tick, restore — one long-running sweeper, as in a cluster.
                await using (var sweeper = await HostedSweeper.CreateAsync(server, [.. SweeperSettings, "--Logging:LogLevel:Tarnfui=Warning"], cancellationToken))
                {
                    // The sweeper runs all day, as in a cluster: its first sweep (cold: views listed, the running ReplicaSets among them)
                    // ten minutes before the evening, then one every interval, so the evening's stop meets the cache a
                    // long-running sweeper has, with entries of every age.
                    var day = Evening - DayBeforeEvening;
                    server.Clock.SetTo(day);
                    phases.Add(await MeasureAsync(server, size, "first day sweep (cold)", "tarnfui", EmulatorUsers.Sweeper, null, () => TarnfuiSweepAsync(sweeper, cancellationToken)));
                    for (var at = day + Interval; at < Evening; at += Interval)
                    {
                        server.Clock.SetTo(at);
                        var daySweep = await MeasureAsync(server, size, "last day sweep", "tarnfui", EmulatorUsers.Sweeper, null, () => TarnfuiSweepAsync(sweeper, cancellationToken));
                        if (at + Interval >= Evening)
                        {
                            phases.Add(daySweep);
                        }
                    }

                    server.Clock.SetTo(Evening);
                    var peak = await DryRunPeakAsync(settings.Sweeper, sweeperConfig, "never", cancellationToken);
                    phases.Add(await MeasureAsync(server, size, "first stop sweep", "tarnfui", EmulatorUsers.Sweeper, peak, () => TarnfuiSweepAsync(sweeper, cancellationToken)));
                    await server.Controllers.SettledAsync(SettleBound(size));

                    server.Clock.SetTo(Evening + Interval);
                    var nightPeak = await DryRunPeakAsync(settings.Sweeper, sweeperConfig, "never", cancellationToken);
                    var ticks = Math.Min(settings.MeasuredNightTicks, settings.NightTicks - 1);
                    for (var tick = 1; tick <= ticks; tick++)
                    {
                        server.Clock.SetTo(Evening + (Interval * tick));
                        var cost = await MeasureAsync(server, size, "night sweep", "tarnfui", EmulatorUsers.Sweeper, nightPeak, () => TarnfuiSweepAsync(sweeper, cancellationToken));
                        if (tick == 1)
                        {
                            phases.Add(cost);
                        }

                        tarnfuiNight = (tarnfuiNight.Requests + cost.Requests, tarnfuiNight.Bytes + cost.Bytes, Math.Max(tarnfuiNight.MaxRequests, cost.Requests),
                            Math.Max(tarnfuiNight.MaxBytes, cost.Bytes), tarnfuiNight.Wall + cost.WallSeconds, tick);
                    }

                    server.Clock.SetTo(morning);
                    var restorePeak = await DryRunPeakAsync(settings.Sweeper, sweeperConfig, "always", cancellationToken);
                    phases.Add(await MeasureAsync(server, size, "restore sweep", "tarnfui", EmulatorUsers.Sweeper, restorePeak, () => TarnfuiSweepAsync(sweeper, cancellationToken)));
                    server.Stats.Reset();
                }

                // The watches the sweeper kept open all night (namespaces, stopped Deployments, stopped StatefulSets) end with
                // it, and their bytes are part of its night. The sandbox records a watch when it sees the stream close: at once
                // for one it writes to, at its own stop for an idle one (read after the server is disposed, below).
                watchBytes = await WatchBytesAsync(server);
                await server.Controllers.SettledAsync(SettleBound(size));

                // The naive sweeper on the same cluster, now restored: stop, one night tick (every tick lists the same), restore.
                foreach (var (phase, at) in new[] { ("first stop sweep", Evening), ("night sweep", Evening + Interval), ("restore sweep", morning) })
                {
                    server.Clock.SetTo(at);
                    phases.Add(await NaiveChildAsync(server, size, phase, naiveConfig, at, cancellationToken));
                    await server.Controllers.SettledAsync(SettleBound(size));
                }

                var naiveNight = phases.Single(p => p is { Sweeper: "naive", Phase: "night sweep" } && p.Deployments == size);
                nights.Add(SweepCostReport.Night(size, "naive", settings.NightTicks, phases,
                    (naiveNight.Requests, naiveNight.Bytes, naiveNight.Requests, naiveNight.Bytes, naiveNight.WallSeconds, 1), 0));
                foreach (var p in phases)
                {
                    await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {p.Sweeper,-8} {p.Phase,-17} {p.Requests,7:N0} requests {p.Bytes,14:N0} bytes {p.WallSeconds,7:F2} s {p.Actions,6} actions"));
                }

            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }
        finally
        {
            await server.DisposeAsync();
        }

        watchBytes += stats.Snapshot().Counts.Where(c => c.User == EmulatorUsers.Sweeper && c.Verb == "watch").Sum(c => c.Bytes);
        nights.Insert(0, SweepCostReport.Night(size, "tarnfui", settings.NightTicks, phases, tarnfuiNight, watchBytes));
        return (phases, nights, footprint with { RunSeconds = run.Elapsed.TotalSeconds, ProcessPeakBytes = EmulatorFootprint.ProcessPeak() });
    }

    /// <summary>The seeded cluster of <paramref name="size"/> Deployments: 99 % at zero, the running ones with 2 pods each.</summary>
    public static ClusterShape Shape(int size) => new()
    {
        Namespaces = Math.Max(10, size / 200),
        Deployments = size,
        ZeroFraction = 0.99,
        RunningReplicas = 2,
        KubeSystemPods = 2,
        DaemonSets = 1,
        FinishedJobPods = 20,
    };

    // A bound, not a wait, and it grows with the cluster: after the evening at a million Deployments the emulated
    // controllers scale 10,000 ReplicaSets down and delete 20,000 pods, which took more than five minutes on a build
    // machine whose two cores a dozen jobs shared.
    private static TimeSpan SettleBound(int size) => TimeSpan.FromMinutes(Math.Max(5, 5.0 * size / 100_000));

    // The in-process sweeper logs warnings only: a line per stop on this console would be the benchmark's cost, not the sweep's.
    private static readonly string[] SweeperSettings = ["--Sweeper:LeaderElection=false", "--Sweeper:Qps=100000", "--Sweeper:Burst=100000"];

    // Waits (bounded) for the sandbox to record at least one of the sweeper's watches, then sums what it recorded.
    private static async Task<long> WatchBytesAsync(EmulatorServer server)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var watches = server.Stats.Snapshot().Counts.Where(c => c.User == EmulatorUsers.Sweeper && c.Verb == "watch").ToList();
            if (watches.Count > 0 || deadline.Elapsed > TimeSpan.FromSeconds(5))
            {
                return watches.Sum(c => c.Bytes);
            }

            await Task.Delay(20);
        }
    }

    private static async Task<int> TarnfuiSweepAsync(HostedSweeper sweeper, CancellationToken cancellationToken)
    {
        var report = await sweeper.SweepAsync(cancellationToken);
        return report.Stopped.Count + report.Restored.Count + report.RestoreSkipped.Count;
    }

    // Tarnfui's sweeper as its own process, one dry-run sweep with everything off-hours ("never") or working hours ("always").
    private static async Task<ResidentMemory> DryRunPeakAsync(SweeperBuild build, string kubeconfig, string uptime, CancellationToken cancellationToken)
    {
        await using var child = ChildProcess.Start(build,
            ["--once", "--dry-run", "--urls=http://127.0.0.1:0", $"--Schedule:Uptime={uptime}", .. SweeperSettings],
            new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });
        var peak = await child.WaitForExitAsync(TimeSpan.FromMinutes(10));
        cancellationToken.ThrowIfCancellationRequested();
        return child.ExitCode == 0 ? peak : throw new InvalidOperationException($"the dry-run sweeper failed:\n{string.Join('\n', child.Lines.TakeLast(30))}");
    }

    private static async Task<PhaseCost> NaiveChildAsync(EmulatorServer server, int size, string phase, string kubeconfig, Instant at, CancellationToken cancellationToken)
    {
        server.Stats.Reset();
        await using var child = ChildProcess.Start("Tarnfui.Bench.dll", [NaiveSweepCommand.Name, kubeconfig, InstantPattern.ExtendedIso.Format(at)]);
        var peak = await child.WaitForExitAsync(TimeSpan.FromMinutes(20));
        cancellationToken.ThrowIfCancellationRequested();
        var (actions, wall) = NaiveSweepCommand.ParseResult(child.Lines);
        var (requests, bytes, byKind) = Count(server.Stats.Snapshot(), EmulatorUsers.NaiveSweeper);
        return new PhaseCost(size, phase, "naive", requests, bytes, wall, peak, actions, byKind);
    }

    private static async Task<PhaseCost> MeasureAsync(EmulatorServer server, int size, string phase, string sweeper, string user, ResidentMemory? peak, Func<Task<int>> sweep)
    {
        server.Stats.Reset();
        var wall = Stopwatch.StartNew();
        var actions = await sweep();
        wall.Stop();
        var (requests, bytes, byKind) = Count(server.Stats.Snapshot(), user);
        return new PhaseCost(size, phase, sweeper, requests, bytes, wall.Elapsed.TotalSeconds, peak, actions, byKind);
    }

    // What the identity asked for (the counters, not the bounded request log); its long-running watches are counted once, over the night, when they end.
    private static (long Requests, long Bytes, Dictionary<string, long> ByKind) Count(RequestStatsSnapshot stats, string user)
    {
        var mine = stats.Counts.Where(c => c.User == user && c.Verb != "watch").ToList();
        return (mine.Sum(c => c.Requests), mine.Sum(c => c.Bytes), mine.GroupBy(c => $"{c.Verb} {c.Resource}").ToDictionary(g => g.Key, g => g.Sum(c => c.Requests)));
    }
}
