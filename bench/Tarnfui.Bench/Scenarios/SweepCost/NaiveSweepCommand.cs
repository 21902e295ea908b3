using System.Diagnostics;
using System.Globalization;
using k8s;
using NodaTime.Text;
using Tarnfui.Core.Policy;
using Tarnfui.Sandbox.Naive;

namespace Tarnfui.Bench.Scenarios.SweepCost;

/// <summary>
/// <c>naive-sweep &lt;kubeconfig&gt; &lt;instant&gt;</c>: one tick of <see cref="NaiveSweeper"/> in a process of its own,
/// so the scenario can read its peak memory as it reads Tarnfui's sweeper's. Prints <c>actions=N wall_ms=M</c>.
/// </summary>
internal static class NaiveSweepCommand
{
    public const string Name = "naive-sweep";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 2)
        {
            await Console.Error.WriteLineAsync("usage: naive-sweep <kubeconfig> <instant, e.g. 2026-11-23T20:00:00Z>");
            return 2;
        }

        var now = InstantPattern.ExtendedIso.Parse(args[1]).GetValueOrThrow();
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(args[0]));
        var naive = new NaiveSweeper(client, new PolicyResolver(GlobalPolicy.Create(new ScheduleOptions()).Value), NaiveSweepMode.PagedWriting);
        var wall = Stopwatch.StartNew();
        var actions = (await naive.SweepAsync(now, CancellationToken.None)).Writes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"actions={actions} wall_ms={wall.Elapsed.TotalMilliseconds:F0}"));
        return 0;
    }

    /// <summary>Reads the line <see cref="RunAsync"/> prints.</summary>
    public static (int Actions, double WallSeconds) ParseResult(IEnumerable<string> lines)
    {
        var line = lines.LastOrDefault(l => l.StartsWith("actions=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("the naive sweeper printed no result:\n" + string.Join('\n', lines));
        var parts = line.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        return (int.Parse(parts["actions"], CultureInfo.InvariantCulture), double.Parse(parts["wall_ms"], CultureInfo.InvariantCulture) / 1000);
    }
}
