using System.Diagnostics;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Bench.SandboxApi;

/// <summary>
/// What the sandbox API costs on a big cluster: 100,000 Deployments (1 % stopped) with 100,000 ReplicaSets and 2,000
/// Running pods, read over plain HTTP the way the sweeper and kubectl read: a full LIST, a label-selected LIST, a
/// paginated metadata-only LIST of all pods. Response bodies are drained, not deserialised, so the numbers are the
/// server's (and the loopback socket's), not the client's.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class ListThroughput : IDisposable
{
    private const int Namespaces = 100;
    private const int DeploymentsPerNamespace = 1_000;
    private const int RunningPods = 2_000;

    private EmulatorServer _server = null!;
    private HttpClient _http = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Instant.FromUtc(2026, 11, 23, 9, 0), Speed = 0 }).GetAwaiter().GetResult();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var store = _server.Store;
        store.CreateMany(ResourceTypes.Namespaces, Enumerable.Range(0, Namespaces).Select(n => Named($"team-{n:000}", null)));
        for (var n = 0; n < Namespaces; n++)
        {
            var ns = $"team-{n:000}";
            store.CreateMany(ResourceTypes.Deployments, Enumerable.Range(0, DeploymentsPerNamespace).Select(d => Deployment(ns, $"app-{d:0000}", stopped: d % 100 == 0)));
            store.CreateMany(ResourceTypes.ReplicaSets, Enumerable.Range(0, DeploymentsPerNamespace).Select(d => Named($"app-{d:0000}-5d8f7c9b4", ns)));
            store.CreateMany(ResourceTypes.Pods, Enumerable.Range(0, RunningPods / Namespaces).Select(p => Pod(ns, $"app-{p:0000}-5d8f7c9b4-x{p:0000}")));
        }

        watch.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// seeded {store.Count(ResourceTypes.Deployments)} deployments, {store.Count(ResourceTypes.ReplicaSets)} replicasets, "
            + $"{store.Count(ResourceTypes.Pods)} pods through ObjectStore.CreateMany in {watch.Elapsed.TotalSeconds:F1} s; managed heap +{(after - before) / 1024 / 1024} MB");
        _http = new HttpClient { BaseAddress = _server.HttpUrl, Timeout = TimeSpan.FromMinutes(5) };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _http?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "LIST 100k deployments, one response")]
    public Task<long> ListAllDeployments() => DrainAsync("/apis/apps/v1/deployments");

    [Benchmark(Description = "LIST 100k deployments as metadata, one response")]
    public Task<long> ListAllDeploymentsMetadata() => DrainAsync("/apis/apps/v1/deployments", WellKnown.MetadataListAccept);

    [Benchmark(Description = "LIST deployments labelSelector stopped=true (1k of 100k)")]
    public Task<long> ListStoppedDeployments() => DrainAsync($"/apis/apps/v1/deployments?labelSelector={Uri.EscapeDataString(WellKnown.Labels.StoppedSelector)}");

    [Benchmark(Description = "LIST 2k running pods as metadata, pages of 500")]
    public async Task<long> ListPodsMetadataPaged()
    {
        long bytes = 0;
        string? token = null;
        do
        {
            var path = "/api/v1/pods?limit=500&fieldSelector=" + Uri.EscapeDataString("status.phase!=Succeeded,status.phase!=Failed")
                + (token is null ? "" : "&continue=" + Uri.EscapeDataString(token));
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept", WellKnown.MetadataListAccept);
            using var response = await _http.SendAsync(request);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            bytes += page.ToJsonString().Length;
            token = (string?)page["metadata"]?["continue"];
        }
        while (token is not null);

        return bytes;
    }

    private async Task<long> DrainAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static JsonObject Named(string name, string? ns) =>
        new() { ["metadata"] = ns is null ? new JsonObject { ["name"] = name } : new JsonObject { ["name"] = name, ["namespace"] = ns } };

    private static JsonObject Deployment(string ns, string name, bool stopped)
    {
        var labels = new JsonObject { ["app"] = name };
        if (stopped)
        {
            labels[WellKnown.Labels.Stopped] = "true";
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels },
            ["spec"] = new JsonObject
            {
                ["replicas"] = stopped ? 0 : 1,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "registry.example/app:1.0" }) },
                },
            },
        };
    }

    private static JsonObject Pod(string ns, string name) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "registry.example/app:1.0" }), ["nodeName"] = "node-1" },
        ["status"] = new JsonObject { ["phase"] = "Running" },
    };
}

/// <summary>
/// In process (no generated child project: on 2 shared cores its build alone outlasts BenchmarkDotNet's 2-minute
/// limit), a few monitored iterations: each operation takes tens to hundreds of milliseconds.
/// </summary>
internal sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig() =>
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
}
