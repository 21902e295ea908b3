using System.Diagnostics;
using System.Globalization;
using k8s;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Bench.Sandbox;

/// <summary>
/// <c>sandbox-seed [deployments] [namespaces]</c>: seeds a sandbox (default 100,000 Deployments in 1,000 namespaces,
/// 99 % at zero, 2 replicas each for the rest), then LISTs every pod as metadata in pages of 500 and every
/// Deployment in pages of 500 through KubernetesClient, and prints times, CPU, peak working set and bytes.
/// </summary>
internal static class SeedScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var deployments = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var namespaces = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Instant.FromUtc(2026, 11, 23, 21, 0) });
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var seeded = server.Seed(new ClusterShape { Namespaces = namespaces, Deployments = deployments, ZeroFraction = 0.99, RunningReplicas = 2 });
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed: {seeded.Workloads} workloads, {seeded.ReplicaSets} ReplicaSets, {seeded.Pods} pods in {seeded.Elapsed.TotalSeconds:F1} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:F1} s CPU; peak working set {process.PeakWorkingSet64 / 1_000_000} MB; GC pauses {GC.GetTotalPauseDuration().TotalSeconds:F1} s (gen0/1/2: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}), allocated {GC.GetTotalAllocatedBytes() / 1_000_000} MB"));

        using var client = server.CreateClient();
        server.Stats.Reset();
        var (pods, podTime) = await ListAllAsync(async next =>
        {
            using var page = await client.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(limit: 500, continueParameter: next,
                customHeaders: new Dictionary<string, IReadOnlyList<string>> { ["Accept"] = [WellKnown.MetadataListAccept] });
            return (page.Body.Items.Count, page.Body.Metadata.ContinueProperty);
        });
        Report("pods, metadata-only, pages of 500", pods, podTime, server.Stats.Snapshot());

        server.Stats.Reset();
        var (items, deploymentTime) = await ListAllAsync(async next =>
        {
            var page = await client.AppsV1.ListDeploymentForAllNamespacesAsync(limit: 500, continueParameter: next);
            return (page.Items.Count, page.Metadata.ContinueProperty);
        });
        Report("deployments, full objects, pages of 500", items, deploymentTime, server.Stats.Snapshot());
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set at the end: {process.PeakWorkingSet64 / 1_000_000} MB"));
        return 0;
    }

    private static async Task<(int Items, TimeSpan Elapsed)> ListAllAsync(Func<string?, Task<(int Count, string? Next)>> page)
    {
        var watch = Stopwatch.StartNew();
        var total = 0;
        string? next = null;
        do
        {
            (var count, next) = await page(next);
            total += count;
        }
        while (!string.IsNullOrEmpty(next));

        return (total, watch.Elapsed);
    }

    private static void Report(string what, int items, TimeSpan elapsed, Tarnfui.Emulator.Accounting.RequestStatsSnapshot stats) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"list {what}: {items} items in {stats.Requests} requests, {stats.Bytes / 1_000_000.0:F1} MB, {elapsed.TotalSeconds:F1} s"));
}
