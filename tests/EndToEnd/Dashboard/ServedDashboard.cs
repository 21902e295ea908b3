using System.Diagnostics;
using System.Text.RegularExpressions;
using k8s;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Emulator.Server;
using Tarnfui.EndToEnd.Serve;
using Tarnfui.Sandbox.Serve;
using Tarnfui.Testing;

namespace Tarnfui.EndToEnd.Dashboard;

/// <summary>
/// <c>sandbox serve --dashboard</c> as a person runs it, on a frozen simulated clock (<c>--speed 0</c>) with the hosted
/// webhook and sweeper, seeded with a few teams' namespaces: the dashboard's URL is read from the line serve prints.
/// </summary>
internal sealed partial class ServedDashboard : IAsyncDisposable
{
    private ServedDashboard(ServeProcess serve, Uri url, Instant now)
    {
        Serve = serve;
        Url = url;
        Now = now;
    }

    public ServeProcess Serve { get; }

    /// <summary>The dashboard's address, ending in <c>/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The simulated time, which moves only when <see cref="AdvanceAsync"/> moves it.</summary>
    public Instant Now { get; private set; }

    /// <summary>Serves the seeded cluster at <paramref name="at"/> (UTC, the default schedule's zone) with the dashboard.</summary>
    public static async Task<ServedDashboard> StartAsync(string at, bool allowChanges = false)
    {
        string[] arguments =
        [
            "--at", at, "--speed", "0", "--sweep-interval", "250ms",
            "--seed-namespaces", "3", "--seed-deployments", "12", "--seed-replicas", "2", "--seed-statefulsets", "2",
            "--seed-cronjobs", "2", "--seed-zero-fraction", "0.25", "--seed-excluded-namespace", "true", "--seed-operator-owned", "0",
            "--dashboard", .. allowChanges ? (string[])["--dashboard-allow-changes"] : [],
        ];
        var serve = await ServeProcess.StartAsync(arguments);
        try
        {
            Uri? url = null;
            await Eventually.UntilAsync(() => (url = Printed(serve.Error)) is not null, $"sandbox serve printed \"{DashboardServeOptions.UrlLine}URL\"; stderr:\n{serve.Error}");
            return new ServedDashboard(serve, url!, InstantPattern.General.Parse(at).Value);
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }
    }

    public Uri Page(string path) => new(Url, path.TrimStart('/'));

    public Kubernetes CreateClient() => Serve.CreateClient();

    /// <summary>Moves the simulated clock with <c>POST /sandbox/clock</c>, as a person does with kubectl.</summary>
    public async Task AdvanceAsync(string duration)
    {
        using var kubectl = Serve.Kubectl();
        var moved = await kubectl.RunAsync("create", "--raw", ClockEndpoints.Path, "-f", kubectl.WriteFile("advance.json", $$"""{"advance":"{{duration}}"}"""));
        moved.ExitCode.ShouldBe(0, moved.Error);
        Now = InstantPattern.General.Parse(NowField().Match(moved.Output).Groups["now"].Value).GetValueOrThrow();
    }

    /// <summary>Runs the built plugin, <c>kubectl-tarnfui ARGS</c>, with serve's kubeconfig at the simulated time.</summary>
    public async Task<(int ExitCode, string Out, string Error)> PluginAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(BuiltPlugin()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = Serve.Kubeconfig;
        start.Environment["TARNFUI_NOW"] = InstantPattern.General.Format(Now);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Eventually.Bound);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Waits until the hosted sweeper has stopped every seeded workload of the team namespaces and suspended their CronJobs.</summary>
    public async Task WaitUntilSweptAsync()
    {
        using var client = CreateClient();
        static bool Team(k8s.Models.V1ObjectMeta metadata) => metadata.NamespaceProperty.StartsWith("team-", StringComparison.Ordinal);
        await Eventually.UntilAsync(
            async () =>
                (await client.AppsV1.ListDeploymentForAllNamespacesAsync()).Items.Where(d => Team(d.Metadata)).All(d => d.Spec.Replicas == 0)
                && (await client.AppsV1.ListStatefulSetForAllNamespacesAsync()).Items.Where(s => Team(s.Metadata)).All(s => s.Spec.Replicas == 0)
                && (await client.BatchV1.ListCronJobForAllNamespacesAsync()).Items.Where(c => Team(c.Metadata)).All(c => c.Spec.Suspend == true),
            $"the hosted sweeper stopped every seeded workload; serve's stderr:\n{Serve.Error}");
    }

    public ValueTask DisposeAsync() => Serve.DisposeAsync();

    private static Uri? Printed(string error)
    {
        var line = error.Split('\n').FirstOrDefault(l => l.StartsWith(DashboardServeOptions.UrlLine, StringComparison.Ordinal));
        return line is null ? null : new Uri(line[DashboardServeOptions.UrlLine.Length..].Split(' ')[0]);
    }

    // The plugin's own build output: it runs on Microsoft.NETCore.App with its own copies of what it needs.
    private static string BuiltPlugin()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var plugin = RepositoryRoot.PathOf("src", "Cli", "bin", output.Parent!.Name, output.Name, "kubectl-tarnfui");
        File.Exists(plugin).ShouldBeTrue($"{plugin} is built by this project's reference to src/Cli");
        return plugin;
    }

    [GeneratedRegex("\"now\":\"(?<now>[^\"]+)\"")]
    private static partial Regex NowField();
}
