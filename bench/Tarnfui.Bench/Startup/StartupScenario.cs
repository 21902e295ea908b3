using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tarnfui.Bench.Webhook;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Bench.Startup;

/// <summary>
/// Start-up of the published programs against an emulated API server in this process: the webhook from process
/// start to <c>/readyz</c> 200 (serving certificate loaded and the namespace cache listed), the sweeper from process
/// start to its first sweep's first request (the cluster-wide pod LIST, after acquiring the Lease). Each program is
/// started <c>runs</c> times; the figures are per run, in order.
/// </summary>
public static class StartupScenario
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public sealed record Result(IReadOnlyList<ProcessStartup.Measurement> WebhookReady, IReadOnlyList<ProcessStartup.Measurement> SweeperFirstSweep)
    {
        public static TimeSpan Median(IEnumerable<TimeSpan> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    /// <param name="published">The folder <c>scripts/publish.sh</c> wrote: <c>webhook/Tarnfui.Webhook.dll</c> and the native <c>sweeper/Tarnfui.Sweeper</c>
    /// (or a build folder, whose <c>Tarnfui.Sweeper</c> is the JIT build's apphost).</param>
    /// <param name="runs">Starts of each program.</param>
    /// <param name="cancellationToken">Cancels the runs.</param>
    /// <param name="environment">Extra environment of both programs (runtime knobs such as <c>DOTNET_TieredPGO=0</c>), or null.</param>
    public static async Task<Result> RunAsync(string published, int runs, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var webhookDll = Path.Combine(published, "webhook", "Tarnfui.Webhook.dll");
        var sweeperProgram = Path.Combine(published, "sweeper", "Tarnfui.Sweeper");
        foreach (var file in (string[])[webhookDll, sweeperProgram])
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
            var (certificatePath, keyPath, _) = BenchInputs.WriteCertificate();
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };

            var webhook = new List<ProcessStartup.Measurement>(runs);
            var sweeper = new List<ProcessStartup.Measurement>(runs);
            for (var run = 0; run < runs; run++)
            {
                var httpPort = FreePort();
                var start = Program(["dotnet", webhookDll], webhookKubeconfig, environment,
                    "--Webhook:ListenAddress=127.0.0.1", $"--Webhook:HttpsPort={FreePort()}", $"--Webhook:HttpPort={httpPort}",
                    $"--Webhook:CertificatePath={certificatePath}", $"--Webhook:KeyPath={keyPath}");
                webhook.Add(await ProcessStartup.MeasureAsync(start, ProcessStartup.Returns200(probe, new Uri($"http://127.0.0.1:{httpPort}/readyz")), Bound));

                // A killed sweeper keeps the Lease until it expires; the next run must not wait for that.
                await DeleteLeaseAsync(admin, cancellationToken);
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref firstSweep, signal);
                start = Program([sweeperProgram], sweeperKubeconfig, environment, $"--urls=http://127.0.0.1:{FreePort()}", $"--Sweeper:Identity=startup-{run}");
                sweeper.Add(await ProcessStartup.MeasureAsync(start, _ => Task.FromResult(signal.Task.IsCompleted), Bound));
            }

            return new Result(webhook, sweeper);
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
        Console.WriteLine("| program | until | wall ms per run | median wall ms | CPU ms per run | median CPU ms |");
        Console.WriteLine("|---|---|---|---:|---|---:|");
        Console.WriteLine(Row("webhook", "/readyz 200", result.WebhookReady));
        Console.WriteLine(Row("sweeper", "first sweep's pod LIST", result.SweeperFirstSweep));
        Console.WriteLine($"\nload average after: {LoadAverage()}");
        return 0;
    }

    private static string Row(string program, string until, IReadOnlyList<ProcessStartup.Measurement> runs) => string.Create(CultureInfo.InvariantCulture,
        $"| {program} | {until} | {Milliseconds(runs.Select(r => r.Wall))} | {Result.Median(runs.Select(r => r.Wall)).TotalMilliseconds:F0} " +
        $"| {Milliseconds(runs.Select(r => r.Cpu))} | {Result.Median(runs.Select(r => r.Cpu)).TotalMilliseconds:F0} |");

    private static string Milliseconds(IEnumerable<TimeSpan> values) =>
        string.Join(", ", values.Select(v => v.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)));

    private static ProcessStartInfo Program(string[] command, string kubeconfig, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
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
