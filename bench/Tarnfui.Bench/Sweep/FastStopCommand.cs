using System.Globalization;
using Tarnfui.Emulator.Seeding;

namespace Tarnfui.Bench.Sweep;

/// <summary>
/// <c>fast-stop [deployments] [zero fraction]</c>: the sweep-cost night (<see cref="SweepCostScenario"/>) with
/// <c>Sweeper:FastStop</c> on and off, side by side on one seeded cluster in one run; prints requests and response
/// bytes per sweep and sweeper.
/// </summary>
internal static class FastStopCommand
{
    public const string Name = "fast-stop";

    public static async Task<int> RunAsync(string[] args)
    {
        var deployments = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var zeroFraction = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.99;
        var shape = new ClusterShape
        {
            Namespaces = Math.Max(10, deployments / 200),
            Deployments = deployments,
            ZeroFraction = zeroFraction,
            RunningReplicas = 2,
            KubeSystemPods = 2,
            DaemonSets = 1,
            FinishedJobPods = 20,
        };
        var costs = await SweepCostScenario.RunAsync(shape, readStopRoute: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{deployments:N0} Deployments, {1 - zeroFraction:P0} running with 2 pods each"));
        Console.WriteLine("| Sweep | Sweeper | FastStop | Requests | Response bytes | Stops/restores | Requests by kind |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---|");
        foreach (var c in costs.Where(c => c.Sweeper != "naive").OrderBy(c => c.Phase, StringComparer.Ordinal).ThenBy(c => c.Sweeper, StringComparer.Ordinal))
        {
            var fastStop = c.Sweeper == SweepCostScenario.ReadStopRoute ? "off" : "on";
            var kinds = string.Join(", ", c.ByVerbAndResource.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {c.Phase} | {c.Sweeper} | {fastStop} | {c.Requests:N0} | {c.Bytes:N0} | {c.Actions:N0} | {kinds} |"));
        }

        return 0;
    }
}
