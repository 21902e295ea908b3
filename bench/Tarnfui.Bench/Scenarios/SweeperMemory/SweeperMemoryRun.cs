using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Bench.Scenarios.SweeperMemory;

/// <summary>
/// <c>scenario sweeper-memory</c>: a cluster with <see cref="ScenarioSettings.MemoryPods"/> running pods (2 per
/// Deployment) and the real sweeper as a child process (<c>--once</c>, everything off-hours) against this process's
/// sandbox through a kubeconfig with the sweeper's identity: first a dry run (every pod page read, every owner looked
/// up, every stop planned), then the real stop sweep. The build the image ships (<see cref="ScenarioSettings.Sweeper"/>)
/// runs first and, beside it on a freshly seeded cluster, the JIT build. Peak memory is the child's VmHWM; the target
/// is judged on the shipped build.
/// </summary>
internal static class SweeperMemoryRun
{
    public const string Name = "sweeper-memory";
    public const string Heading = "## Sweeper memory";
    private const long Target = 100L * 1000 * 1000;

    /// <summary>Issue 23's target: the VmHWM of the native build's stop sweep.</summary>
    private const long StopSweepTarget = 64L * 1024 * 1024;

    public static async Task<ScenarioOutcome> RunAsync(ScenarioSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var machine = MachineFacts.Now();
        var shape = new ClusterShape
        {
            Namespaces = Math.Max(10, settings.MemoryPods / 200),
            Deployments = settings.MemoryPods / 2,
            ZeroFraction = 0,
            RunningReplicas = 2,
            KubeSystemPods = 0,
            DaemonSets = 0,
        };

        SweeperBuild[] builds = settings.Sweeper.IsNative ? [settings.Sweeper, SweeperBuild.Jit] : [settings.Sweeper];
        var runs = new List<JsonObject>();
        var rows = new StringBuilder();
        var judged = new List<ResidentMemory>();
        ResidentMemory? judgedStop = null;
        var pods = 0;
        var workloads = 0;
        foreach (var build in builds)
        {
            // Each build meets the same, freshly seeded cluster: the stop sweep of one leaves nothing running for the next.
            await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Instant.FromUtc(2026, 11, 23, 21, 0), Speed = 0 }, cancellationToken);
            var seeded = server.Seed(shape);
            await server.Controllers.SettledAsync(TimeSpan.FromMinutes(5));
            (pods, workloads) = (seeded.Pods, seeded.Workloads);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"sweeper-memory: seeded {seeded.Pods:N0} running pods of {seeded.Workloads:N0} Deployments in {seeded.Elapsed.TotalSeconds:F1} s; sweeper {build.Name}"));
            var directory = Directory.CreateTempSubdirectory("tarnfui-sweeper-memory-");
            try
            {
                var kubeconfig = server.WriteKubeconfig(Path.Combine(directory.FullName, "kubeconfig"), EmulatorUsers.Sweeper);
                foreach (var dryRun in new[] { true, false })
                {
                    var run = await SweepOnceAsync(server, build, kubeconfig, dryRun, cancellationToken);
                    if (build == settings.Sweeper)
                    {
                        judged.Add(run.Peak);
                        judgedStop = dryRun ? judgedStop : run.Peak;
                    }

                    rows.AppendLine(run.Row(build));
                    runs.Add(run.ToJson(build));
                    await log.WriteLineAsync("  " + run.Describe());
                    await server.Controllers.SettledAsync(TimeSpan.FromMinutes(10));
                }
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }

        var worst = judged.Max(p => p.HighWaterMark);
        var worstAnonymous = judged.Max(p => p.Anonymous);
        TargetCheck[] targets =
        [
            new(string.Create(CultureInfo.InvariantCulture, $"sweeper peak working set under 100 MB at {pods:N0} running pods"),
                string.Create(CultureInfo.InvariantCulture, $"{(settings.Sweeper.IsNative ? "native" : "JIT")} build: VmHWM {worst / 1e6:F1} MB, of which anonymous (private) at most {worstAnonymous / 1e6:F1} MB"), worst < Target),
            new(string.Create(CultureInfo.InvariantCulture, $"sweeper stop sweep's peak resident (VmHWM) under 64 MiB at {pods:N0} running pods, native build"),
                string.Create(CultureInfo.InvariantCulture, $"{(settings.Sweeper.IsNative ? "native" : "JIT")} build: VmHWM {ByteSize.Format(judgedStop!.HighWaterMark)} (RssAnon {ByteSize.Format(judgedStop.Anonymous)}, RssFile {ByteSize.Format(judgedStop.File)})"),
                settings.Sweeper.IsNative && judgedStop.HighWaterMark < StopSweepTarget),
        ];
        var text = MarkdownSections.Begin(Heading, settings, machine);
        text.AppendLine(CultureInfo.InvariantCulture, $"{pods:N0} running pods of {workloads:N0} Deployments (2 each) in {shape.Namespaces} namespaces, in a sandbox hosted by the");
        text.AppendLine("benchmark; the sweeper runs `--once` in a process of its own, everything off-hours (`--Schedule:Uptime=never`), with the");
        text.AppendLine("sweeper's identity and its default configuration apart from leader election (off for `--once`) and the client rate limit");
        text.AppendLine("(raised so that the run takes seconds, not the 20 requests/s a cluster gets). The image ships the native build");
        text.AppendLine("(NativeAOT, published by `scripts/publish.sh`); the JIT build (`dotnet Tarnfui.Sweeper.dll`, what the tests run) runs");
        text.AppendLine("beside it on a freshly seeded cluster of the same shape. Peak memory is `VmHWM` of `/proc/<pid>/status`: the kernel's");
        text.AppendLine("high-water mark of the whole resident set, so no peak is missed; the target is judged on it, for the shipped build. Its");
        text.AppendLine("parts are sampled every 5 ms: RssAnon (GC heap, runtime data, stacks: private), RssFile (the mapped executable, runtime");
        text.AppendLine("and assemblies: shared, reclaimable) and RssShmem (the JIT runtime's W^X double mapping of generated code; none in the");
        text.AppendLine("native build). Both builds use workstation GC (`ServerGarbageCollection=false`); the native one runs it blocking with a");
        text.AppendLine("4 MiB gen0 budget, 1 MiB regions and `GCConserveMemory=7` built in (`src/Sweeper/Tarnfui.Sweeper.csproj`), the JIT one");
        text.AppendLine("with the runtime's defaults.").AppendLine();
        text.AppendLine("| sweeper build | run | peak resident (VmHWM) | peak RssAnon | peak RssFile | peak RssShmem | requests | pod pages | response bytes | wall (process start to exit) |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        text.Append(rows);
        text.AppendLine().AppendLine("Targets (issue 9: the worst run of the shipped build; issue 23: its stop sweep, native build):").AppendLine();
        text.Append(TargetCheck.Table(targets));

        var figures = new JsonObject
        {
            ["command"] = settings.Command,
            ["machine"] = machine.ToJson(),
            ["runningPods"] = pods,
            ["deployments"] = workloads,
            ["runs"] = new JsonArray([.. runs]),
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t.ToJson())]),
        };
        return new ScenarioOutcome(Name, text.ToString(), figures, targets);
    }

    private static async Task<SweepRun> SweepOnceAsync(EmulatorServer server, SweeperBuild build, string kubeconfig, bool dryRun, CancellationToken cancellationToken)
    {
        server.Stats.Reset();
        var wall = Stopwatch.StartNew();
        await using var child = ChildProcess.Start(build,
            ["--once", dryRun ? "--dry-run" : "--Sweeper:DryRun=false", "--urls=http://127.0.0.1:0", "--Schedule:Uptime=never",
             "--Sweeper:LeaderElection=false", "--Sweeper:Qps=100000", "--Sweeper:Burst=100000", "--Logging:LogLevel:Tarnfui=Warning"],
            new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });
        var peak = await child.WaitForExitAsync(TimeSpan.FromMinutes(30));
        wall.Stop();
        cancellationToken.ThrowIfCancellationRequested();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the sweeper ({build.Executable}) failed:\n{string.Join('\n', child.Lines.TakeLast(30))}");
        }

        var counts = server.Stats.Snapshot().Counts.Where(c => c.User == EmulatorUsers.Sweeper).ToList();
        return new SweepRun(dryRun, peak, counts.Sum(c => c.Requests), counts.Where(c => c is { Verb: "list", Resource: "pods" }).Sum(c => c.Requests),
            counts.Sum(c => c.Bytes), wall.Elapsed);
    }

    private sealed record SweepRun(bool DryRun, ResidentMemory Peak, long Requests, long PodPages, long ResponseBytes, TimeSpan Wall)
    {
        private string Mode => DryRun ? "dry run (reads and plans, no writes)" : "stop sweep (writes)";

        public string Row(SweeperBuild build) => string.Create(CultureInfo.InvariantCulture,
            $"| {(build.IsNative ? "**native**" : "JIT")} | {Mode} | {ByteSize.Format(Peak.HighWaterMark)} | {ByteSize.Format(Peak.Anonymous)} | {ByteSize.Format(Peak.File)} | {ByteSize.Format(Peak.Shared)} | {Requests:N0} | {PodPages} | {ByteSize.Format(ResponseBytes)} | {Wall.TotalSeconds:F1} s |");

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{Mode}: VmHWM {ByteSize.Format(Peak.HighWaterMark)} (anon {ByteSize.Format(Peak.Anonymous)}, file {ByteSize.Format(Peak.File)}, shmem {ByteSize.Format(Peak.Shared)}), {Requests:N0} requests, {Wall.TotalSeconds:F1} s");

        public JsonObject ToJson(SweeperBuild build) => new()
        {
            ["build"] = build.IsNative ? "native" : "jit",
            ["mode"] = DryRun ? "dry-run" : "stop",
            ["peakMemory"] = Peak.ToJson(),
            ["requests"] = Requests,
            ["podPages"] = PodPages,
            ["responseBytes"] = ResponseBytes,
            ["wallSeconds"] = Math.Round(Wall.TotalSeconds, 3),
        };
    }
}
