using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tarnfui.Bench.Scenarios;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Bench.Startup;

/// <summary>
/// Start-up of the published programs against an emulated API server in this process: the webhook from process
/// start to <c>/readyz</c> 200 (serving certificate loaded and the namespace cache listed) and its resident memory
/// then and after a few hundred admissions (<see cref="WebhookStartup"/>), the sweeper from process start to its first
/// sweep's first request (the cluster-wide pod LIST, after acquiring the Lease) and its resident memory at that moment.
/// Each program is started <c>runs</c> times; the figures are per run, in order.
/// </summary>
public static class StartupScenario
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>One start of the sweeper: until its first sweep's pod LIST, and its memory at that moment.</summary>
    public sealed record SweeperRun(ProcessStartup.Measurement FirstSweep, ResidentSet AtFirstSweep);

    /// <param name="Webhook">The webhook of the published folder.</param>
    /// <param name="Sweeper">The sweeper of the published folder.</param>
    /// <param name="WebhookReference">The webhook of the reference build, when one was named (the JIT build), else empty.</param>
    public sealed record Result(IReadOnlyList<WebhookStartup.Run> Webhook, IReadOnlyList<SweeperRun> Sweeper, IReadOnlyList<WebhookStartup.Run> WebhookReference)
    {
        public IReadOnlyList<ProcessStartup.Measurement> WebhookReady => [.. Webhook.Select(r => r.Ready)];

        public IReadOnlyList<ProcessStartup.Measurement> SweeperFirstSweep => [.. Sweeper.Select(r => r.FirstSweep)];
    }

    /// <param name="published">The folder <c>scripts/publish.sh</c> wrote: the native <c>webhook/Tarnfui.Webhook</c> and
    /// <c>sweeper/Tarnfui.Sweeper</c> (or links to a build folder, whose executables are the JIT build's apphosts).</param>
    /// <param name="runs">Starts of each program.</param>
    /// <param name="environment">Extra environment of both programs (runtime knobs such as <c>DOTNET_TieredPGO=0</c>), or null.</param>
    /// <param name="referenceWebhook">Another webhook executable measured the same way, side by side (the JIT build), or null.</param>
    /// <param name="cancellationToken">Cancels the runs.</param>
    public static async Task<Result> RunAsync(
        string published, int runs, IReadOnlyDictionary<string, string>? environment = null, string? referenceWebhook = null, CancellationToken cancellationToken = default)
    {
        var webhookProgram = Path.Combine(published, "webhook", "Tarnfui.Webhook");
        var sweeperProgram = Path.Combine(published, "sweeper", "Tarnfui.Sweeper");
        foreach (var file in (string[])[webhookProgram, sweeperProgram, .. referenceWebhook is null ? [] : (string[])[referenceWebhook]])
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{file} is missing: run scripts/publish.sh {published} first", file);
            }
        }

        // The sweeper's first sweep starts with a cluster-wide pod LIST: the API server marks when it arrives.
        var firstSweep = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sandbox = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            ConfigureApp = app => app.Use((context, next) =>
            {
                if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Equals("/api/v1/pods", StringComparison.Ordinal))
                {
                    Volatile.Read(ref firstSweep).TrySetResult();
                }

                return next(context);
            }),
        }, cancellationToken);
        using var admin = sandbox.CreateClient();
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = WellKnown.Objects.Namespace } }, cancellationToken: cancellationToken);
        var folder = Directory.CreateTempSubdirectory("tarnfui-startup-").FullName;
        try
        {
            var webhookKubeconfig = sandbox.WriteKubeconfig(Path.Combine(folder, "webhook.kubeconfig"), EmulatorUsers.Webhook);
            var sweeperKubeconfig = sandbox.WriteKubeconfig(Path.Combine(folder, "sweeper.kubeconfig"), EmulatorUsers.Sweeper);
            var webhook = await WebhookStartup.MeasureAsync(webhookProgram, webhookKubeconfig, runs, environment, Bound);
            var reference = referenceWebhook is null ? [] : await WebhookStartup.MeasureAsync(referenceWebhook, webhookKubeconfig, runs, environment, Bound);

            var sweeper = new List<SweeperRun>(runs);
            for (var run = 0; run < runs; run++)
            {
                // A killed sweeper keeps the Lease until it expires; the next run must not wait for that.
                await DeleteLeaseAsync(admin, cancellationToken);
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref firstSweep, signal);
                var start = Program([sweeperProgram], sweeperKubeconfig, environment, $"--urls=http://127.0.0.1:{FreePort()}", $"--Sweeper:Identity=startup-{run}");
                var memory = default(ResidentSet);
                var measured = await ProcessStartup.MeasureAsync(start, _ => Task.FromResult(signal.Task.IsCompleted), Bound, (processId, _) =>
                {
                    memory = ResidentSet.Of(processId);
                    return Task.CompletedTask;
                });
                sweeper.Add(new SweeperRun(measured, memory));
            }

            return new Result(webhook, sweeper, reference);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary><c>startup &lt;published folder&gt; [runs] [NAME=VALUE…]</c>: prints each run and the medians.</summary>
    public static async Task<int> RunCommandAsync(string[] args)
    {
        var runs = 5;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arg in args.Skip(1))
        {
            if (arg.Split('=', 2) is [var name, var value] && name.Length > 0)
            {
                environment[name] = value;
            }
            else if (!int.TryParse(arg, CultureInfo.InvariantCulture, out runs) || runs < 1)
            {
                args = [];
            }
        }

        if (args is not [var published, ..])
        {
            await Console.Error.WriteLineAsync("usage: startup <folder written by scripts/publish.sh> [runs, default 5] [NAME=VALUE environment of both programs…]");
            return 2;
        }

        Console.WriteLine($"# start-up: {runs} runs each, {Environment.ProcessorCount} cores, load average {LoadAverage()}" +
            (environment.Count == 0 ? string.Empty : $", environment {string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}"))}"));
        var result = await RunAsync(published, runs, environment);
        var webhookMemory = result.Webhook.Select(r => r.AfterAdmissions).MaxBy(m => m.Rss);
        Console.WriteLine("| program | until | wall ms per run | median wall ms | CPU ms per run | median CPU ms |");
        Console.WriteLine("|---|---|---|---:|---|---:|");
        Console.WriteLine(Row("webhook", "/readyz 200", result.WebhookReady));
        Console.WriteLine(Row("sweeper", "first sweep's pod LIST", result.SweeperFirstSweep));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nwebhook after {WebhookStartup.Admissions} admissions, largest run: VmRSS {webhookMemory.Rss / 1048576.0:F1} MiB, VmHWM {webhookMemory.HighWaterMark / 1048576.0:F1} MiB"));
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static string Row(string program, string until, IReadOnlyList<ProcessStartup.Measurement> runs) => string.Create(CultureInfo.InvariantCulture,
        $"| {program} | {until} | {Milliseconds(runs.Select(r => r.Wall))} | {Medians.Of(runs.Select(r => r.Wall)).TotalMilliseconds:F0} " +
        $"| {Milliseconds(runs.Select(r => r.Cpu))} | {Medians.Of(runs.Select(r => r.Cpu)).TotalMilliseconds:F0} |");

    private static string Milliseconds(IEnumerable<TimeSpan> values) =>
        string.Join(", ", values.Select(v => v.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)));

    internal static ProcessStartInfo Program(string[] command, string kubeconfig, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(command[0]);
        foreach (var argument in command.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = kubeconfig;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static async Task DeleteLeaseAsync(Kubernetes admin, CancellationToken cancellationToken)
    {
        try
        {
            await admin.CoordinationV1.DeleteNamespacedLeaseAsync(WellKnown.Objects.SweeperLease, WellKnown.Objects.Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
