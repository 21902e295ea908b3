using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Sandbox.Hosting;
using Tarnfui.Sandbox.Seeding;

namespace Tarnfui.Bench.Scenarios.SweeperMemory;

/// <summary>
/// <c>scenario sweeper-memory</c>: a cluster with <see cref="ScenarioSettings.MemoryPods"/> running pods (2 per
/// Deployment) and the real sweeper as a child process (<c>Tarnfui.Sweeper.dll --once</c>, everything off-hours)
/// against this process's sandbox through a kubeconfig with the sweeper's identity: first a dry run (every pod page
/// read, every owner looked up, every stop planned), then the real stop sweep. Peak memory is the child's VmHWM.
/// </summary>
internal static class SweeperMemoryRun
{
    public const string Name = "sweeper-memory";
    public const string Heading = "## Sweeper memory";
    private const long Target = 100L * 1000 * 1000;

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
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { StartTime = Instant.FromUtc(2026, 11, 23, 21, 0), Speed = 0 }, cancellationToken);
        var seeded = server.Seed(shape);
        await server.Controllers.SettledAsync(TimeSpan.FromMinutes(5));
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"sweeper-memory: seeded {seeded.Pods:N0} running pods of {seeded.Workloads:N0} Deployments in {seeded.Elapsed.TotalSeconds:F1} s"));

        var directory = Directory.CreateTempSubdirectory("tarnfui-sweeper-memory-");
        var runs = new List<JsonObject>();
        var rows = new StringBuilder();
        ResidentMemory? dryRunPeak = null, realPeak = null;
        try
        {
            var kubeconfig = server.WriteKubeconfig(Path.Combine(directory.FullName, "kubeconfig"), SandboxUsers.Sweeper);
            foreach (var dryRun in new[] { true, false })
            {
                server.Stats.Reset();
                var wall = Stopwatch.StartNew();
                await using var child = ChildProcess.Start("Tarnfui.Sweeper.dll",
                    ["--once", dryRun ? "--dry-run" : "--Sweeper:DryRun=false", "--urls=http://127.0.0.1:0", "--Schedule:Uptime=never",
                     "--Sweeper:LeaderElection=false", "--Sweeper:Qps=100000", "--Sweeper:Burst=100000", "--Logging:LogLevel:Tarnfui=Warning"],
                    new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });
                var peak = await child.WaitForExitAsync(TimeSpan.FromMinutes(30));
                wall.Stop();
                cancellationToken.ThrowIfCancellationRequested();
                if (child.ExitCode != 0)
                {
                    throw new InvalidOperationException($"the sweeper failed:\n{string.Join('\n', child.Lines.TakeLast(30))}");
                }

                var counts = server.Stats.Snapshot().Counts.Where(c => c.User == SandboxUsers.Sweeper).ToList();
                var (requests, bytes) = (counts.Sum(c => c.Requests), counts.Sum(c => c.Bytes));
                var pages = counts.Where(c => c is { Verb: "list", Resource: "pods" }).Sum(c => c.Requests);
                var mode = dryRun ? "dry run (reads and plans, no writes)" : "stop sweep (writes)";
                if (dryRun)
                {
                    dryRunPeak = peak;
                }
                else
                {
                    realPeak = peak;
                }

                rows.AppendLine(CultureInfo.InvariantCulture,
                    $"| {mode} | {ByteSize.Format(peak.HighWaterMark)} | {ByteSize.Format(peak.Anonymous)} | {ByteSize.Format(peak.File)} | {ByteSize.Format(peak.Shared)} | {requests:N0} | {pages} | {ByteSize.Format(bytes)} | {wall.Elapsed.TotalSeconds:F1} s |");
                runs.Add(new JsonObject
                {
                    ["mode"] = dryRun ? "dry-run" : "stop",
                    ["peakMemory"] = peak.ToJson(),
                    ["requests"] = requests,
                    ["podPages"] = pages,
                    ["responseBytes"] = bytes,
                    ["wallSeconds"] = Math.Round(wall.Elapsed.TotalSeconds, 3),
                });
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {mode}: VmHWM {ByteSize.Format(peak.HighWaterMark)} (anon {ByteSize.Format(peak.Anonymous)}, file {ByteSize.Format(peak.File)}, shmem {ByteSize.Format(peak.Shared)}), {requests:N0} requests, {wall.Elapsed.TotalSeconds:F1} s"));
                await server.Controllers.SettledAsync(TimeSpan.FromMinutes(10));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        var worst = Math.Max(dryRunPeak!.HighWaterMark, realPeak!.HighWaterMark);
        var worstAnonymous = Math.Max(dryRunPeak.Anonymous, realPeak.Anonymous);
        TargetCheck[] targets =
        [
            new(string.Create(CultureInfo.InvariantCulture, $"sweeper peak working set under 100 MB at {seeded.Pods:N0} running pods"),
                string.Create(CultureInfo.InvariantCulture, $"VmHWM {worst / 1e6:F1} MB, of which anonymous (private) at most {worstAnonymous / 1e6:F1} MB"), worst < Target),
        ];
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{settings.Command}`  ");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine.Describe()}.").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{seeded.Pods:N0} running pods of {seeded.Workloads:N0} Deployments (2 each) in {shape.Namespaces} namespaces, in a sandbox hosted by the");
        text.AppendLine("benchmark; the sweeper is the built `Tarnfui.Sweeper.dll --once` in a process of its own, everything off-hours");
        text.AppendLine("(`--Schedule:Uptime=never`), with the sweeper's identity and its default configuration apart from leader election (off for");
        text.AppendLine("`--once`) and the client rate limit (raised so that the run takes seconds, not the 20 requests/s a cluster gets). Peak");
        text.AppendLine("memory is `VmHWM` of `/proc/<pid>/status`: the kernel's high-water mark of the whole resident set, so no peak is missed;");
        text.AppendLine("the target is judged on it. Its parts are sampled every 5 ms: RssAnon (heap and stacks: private), RssFile (the mapped");
        text.AppendLine("runtime and assemblies: shared with any other .NET process on the node, reclaimable) and RssShmem (the runtime's W^X");
        text.AppendLine("double mapping of JIT code). RssFile and RssShmem are the .NET runtime's and about the same in any .NET process (compare");
        text.AppendLine("the naive sweeper's peak in the Sweep cost table, a console process without ASP.NET); the sweeper's own part is RssAnon.");
        text.AppendLine("The sweeper runs with workstation GC (`ServerGarbageCollection=false` in its project): Server GC's per-core heaps");
        text.AppendLine("cost about 45 MB more RssAnon at this size.").AppendLine();
        text.AppendLine("| run | peak resident (VmHWM) | peak RssAnon | peak RssFile | peak RssShmem | requests | pod pages | response bytes | wall (process start to exit) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        text.Append(rows);
        text.AppendLine().AppendLine("Targets (issue 9):").AppendLine();
        text.Append(TargetCheck.Table(targets));

        var figures = new JsonObject
        {
            ["command"] = settings.Command,
            ["machine"] = machine.ToJson(),
            ["runningPods"] = seeded.Pods,
            ["deployments"] = seeded.Workloads,
            ["runs"] = new JsonArray([.. runs]),
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t.ToJson())]),
        };
        return new ScenarioOutcome(Name, text.ToString(), figures, targets);
    }
}
