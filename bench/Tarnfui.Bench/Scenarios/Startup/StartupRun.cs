using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Bench.Webhook;
using Tarnfui.Sandbox.Hosting;
using Tarnfui.Sandbox.Seeding;

namespace Tarnfui.Bench.Scenarios.Startup;

/// <summary>
/// <c>scenario startup</c>: the built programs started as child processes against a small sandbox hosted here —
/// the webhook from process start to its first <c>/readyz</c> 200, the sweeper (default configuration: leader
/// election on) from process start to the first LIST of its first sweep answered by the sandbox. Median of
/// <see cref="ScenarioSettings.StartupRuns"/> starts each.
/// </summary>
internal static class StartupRun
{
    public const string Name = "startup";
    public const string Heading = "## Start-up";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<ScenarioOutcome> RunAsync(ScenarioSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var machine = MachineFacts.Now();
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { StartTime = Instant.FromUtc(2026, 11, 23, 21, 0), Speed = 0 }, cancellationToken);
        server.Seed(new ClusterShape { Namespaces = 10, Deployments = 100, ZeroFraction = 0.9 });
        await server.Controllers.SettledAsync(TimeSpan.FromMinutes(1));
        var directory = Directory.CreateTempSubdirectory("tarnfui-startup-");
        var webhook = new List<double>();
        var sweeper = new List<double>();
        try
        {
            var webhookConfig = server.WriteKubeconfig(Path.Combine(directory.FullName, "webhook"), SandboxUsers.Webhook);
            var sweeperConfig = server.WriteKubeconfig(Path.Combine(directory.FullName, "sweeper"), SandboxUsers.Sweeper);
            var (certificate, key, _) = BenchInputs.WriteCertificate();
            for (var run = 0; run < settings.StartupRuns; run++)
            {
                webhook.Add(await WebhookReadyAsync(webhookConfig, certificate, key, cancellationToken));
                sweeper.Add(await FirstSweepAsync(server, sweeperConfig, cancellationToken));
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  start {run + 1}: webhook ready {webhook[^1]:F3} s, sweeper first sweep {sweeper[^1]:F3} s"));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        var webhookMedian = Median(webhook);
        var sweeperMedian = Median(sweeper);
        TargetCheck[] targets =
        [
            new("webhook ready under 1 s", string.Create(CultureInfo.InvariantCulture, $"median {webhookMedian:F2} s of {webhook.Count}"), webhookMedian < 1),
            new("sweeper's first sweep started under 1 s", string.Create(CultureInfo.InvariantCulture, $"median {sweeperMedian:F2} s of {sweeper.Count}"), sweeperMedian < 1),
        ];
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{settings.Command}`  ");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine.Describe()}.").AppendLine();
        text.AppendLine("The built programs (`dotnet Tarnfui.Webhook.dll`, `dotnet Tarnfui.Sweeper.dll`, JIT, framework-dependent) started as");
        text.AppendLine("child processes against a sandbox of 100 Deployments hosted by the benchmark, each through a kubeconfig with its own");
        text.AppendLine("identity. Webhook: process start to the first `/readyz` 200 (polled every 10 ms; ready means the namespace cache is");
        text.AppendLine("listed and the certificate loaded). Sweeper (leader election on, as deployed): process start to the first LIST of its");
        text.AppendLine("first sweep answered by the sandbox (its request log, polled every 5 ms).").AppendLine();
        text.AppendLine("| program | median | runs (s) |");
        text.AppendLine("|---|---:|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| webhook: start → `/readyz` 200 | {webhookMedian:F2} s | {string.Join(", ", webhook.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| sweeper: start → first sweep | {sweeperMedian:F2} s | {string.Join(", ", sweeper.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} |");
        text.AppendLine().AppendLine("Targets (issue 9):").AppendLine();
        text.Append(TargetCheck.Table(targets));
        var figures = new JsonObject
        {
            ["command"] = settings.Command,
            ["machine"] = machine.ToJson(),
            ["webhookReadySeconds"] = new JsonArray([.. webhook.Select(s => (JsonNode)Math.Round(s, 4))]),
            ["sweeperFirstSweepSeconds"] = new JsonArray([.. sweeper.Select(s => (JsonNode)Math.Round(s, 4))]),
            ["webhookReadyMedianSeconds"] = Math.Round(webhookMedian, 4),
            ["sweeperFirstSweepMedianSeconds"] = Math.Round(sweeperMedian, 4),
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t.ToJson())]),
        };
        return new ScenarioOutcome(Name, text.ToString(), figures, targets);
    }

    private static async Task<double> WebhookReadyAsync(string kubeconfig, string certificate, string key, CancellationToken cancellationToken)
    {
        var (https, http) = (FreePort(), FreePort());
        await using var child = ChildProcess.Start("Tarnfui.Webhook.dll",
            ["--Webhook:ListenAddress=127.0.0.1", $"--Webhook:HttpsPort={https}", $"--Webhook:HttpPort={http}",
             $"--Webhook:CertificatePath={certificate}", $"--Webhook:KeyPath={key}"],
            new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = new Uri($"http://127.0.0.1:{http}/readyz");
        while (Stopwatch.GetElapsedTime(child.StartedAt) < Limit && !child.Exited.IsCompleted)
        {
            try
            {
                using var response = await client.GetAsync(ready, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(child.StartedAt).TotalSeconds;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10, cancellationToken);
        }

        throw new TimeoutException($"the webhook was not ready within {Limit}:\n{string.Join('\n', child.Lines.TakeLast(30))}");
    }

    private static async Task<double> FirstSweepAsync(SandboxServer server, string kubeconfig, CancellationToken cancellationToken)
    {
        server.Stats.Reset();
        await using var child = ChildProcess.Start("Tarnfui.Sweeper.dll", ["--urls=http://127.0.0.1:0"],
            new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig });
        while (Stopwatch.GetElapsedTime(child.StartedAt) < Limit && !child.Exited.IsCompleted)
        {
            if (server.Stats.Requests().Any(r => r.User == SandboxUsers.Sweeper && r.Verb == "list"))
            {
                return Stopwatch.GetElapsedTime(child.StartedAt).TotalSeconds;
            }

            await Task.Delay(5, cancellationToken);
        }

        throw new TimeoutException($"the sweeper did not sweep within {Limit}:\n{string.Join('\n', child.Lines.TakeLast(30))}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
