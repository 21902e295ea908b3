using System.Globalization;
using System.Text;
using Tarnfui.Sandbox.Seeding;

namespace Tarnfui.Bench.Sweep;

/// <summary>
/// <c>dotnet run -c Release --project bench/Tarnfui.Bench -- sweep-cost [deployments…]</c>: runs
/// <see cref="SweepCostScenario"/> for each cluster size and writes the <c>## Sweep cost</c> section of
/// <c>docs/benchmarks.md</c> (replacing the previous one, leaving the other sections alone).
/// </summary>
public static class SweepCostCommand
{
    private const string Heading = "## Sweep cost";

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Length == 0 ? [20_000] : args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/Tarnfui.Bench -- sweep-cost {string.Join(' ', sizes)}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"({Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, sandbox over loopback HTTPS, {DateTime.UtcNow:yyyy-MM-dd}).");
        text.AppendLine("Clusters: 99 % of the Deployments at zero, the running ones with 2 pods each, plus kube-system, DaemonSet and finished Job pods.");
        text.AppendLine("Requests and response bytes come from the sandbox's request log, for the sweeper's identity only (its long-running watches excluded).");
        text.AppendLine("The naive sweeper lists every namespace, Deployment and StatefulSet in full each tick and makes the same decisions and writes.").AppendLine();
        text.AppendLine("Reading: the stop sweep costs pod-list pages + view pages (namespaces, stopped Deployments, stopped StatefulSets; listed once,");
        text.AppendLine("then watched) + one metadata GET per distinct ReplicaSet + per stopped workload a GET, one precondition-carrying JSON Patch");
        text.AppendLine("and one Event. A night sweep is the pod-list pages only. `tests/Sweeper.Tests/Cost/SweepCostTests.cs` asserts these bounds");
        text.AppendLine("on the same scenario at 20,000 Deployments.").AppendLine();
        text.AppendLine("| Deployments | Sweep | Sweeper | Requests | Response bytes | Wall | Stops/restores | Requests by kind |");
        text.AppendLine("|---:|---|---|---:|---:|---:|---:|---|");
        foreach (var size in sizes)
        {
            var shape = new ClusterShape
            {
                Namespaces = Math.Max(10, size / 200),
                Deployments = size,
                ZeroFraction = 0.99,
                RunningReplicas = 2,
                KubeSystemPods = 2,
                DaemonSets = 1,
                FinishedJobPods = 20,
            };
            var costs = await SweepCostScenario.RunAsync(shape);
            foreach (var c in costs.OrderBy(c => c.Phase, StringComparer.Ordinal).ThenByDescending(c => c.Sweeper, StringComparer.Ordinal))
            {
                var kinds = string.Join(", ", c.ByVerbAndResource.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));
                text.AppendLine(CultureInfo.InvariantCulture, $"| {size:N0} | {c.Phase} | {c.Sweeper} | {c.Requests:N0} | {NaiveSweeper.Bytes(c.Bytes)} | {c.Wall.TotalSeconds:0.00} s | {c.Actions} | {kinds} |");
            }
        }

        var section = text.ToString();
        Console.Write(section);
        var path = Path.Combine(FindRoot(), "docs", "benchmarks.md");
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Benchmarks\n";
        await File.WriteAllTextAsync(path, Replace(existing, section));
        return 0;
    }

    private static string Replace(string document, string section)
    {
        var start = document.IndexOf(Heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return document.TrimEnd() + "\n\n" + section;
        }

        var next = document.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
        return document[..start] + section + (next < 0 ? "" : "\n" + document[(next + 1)..]);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tarnfui.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
