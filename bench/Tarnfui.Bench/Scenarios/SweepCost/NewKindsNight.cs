using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tarnfui.Bench.Sweep;
using NightPhase = Tarnfui.Bench.Sweep.SweepCost;

namespace Tarnfui.Bench.Scenarios.SweepCost;

/// <summary>
/// A sweep-cost cluster once more with the kinds Tarnfui learned after Deployments beside them (issue 23: 10,000
/// CronJobs, 1,000 KEDA ScaledObjects and 1,000 Argo Rollouts beside 100,000 Deployments; fewer, in proportion, on a
/// smaller cluster), swept by Tarnfui alone through <see cref="SweepCostScenario"/>, as <c>NewKindsSweepCostTests</c>
/// does: the naive sweeper knows none of them, so a side-by-side would compare unequal work.
/// </summary>
internal static class NewKindsNight
{
    /// <summary>The Deployments of the cluster: the largest size run, up to the 100,000.</summary>
    public static int Deployments(IEnumerable<int> sizes) => Math.Min(sizes.Max(), 100_000);

    /// <summary>The kinds added: one CronJob per 10 Deployments, one ScaledObject and one Rollout per 100, up to 10,000, 1,000 and 1,000.</summary>
    public static AddedKinds Added(int deployments) =>
        new(Math.Min(10_000, deployments / 10), Math.Min(1_000, deployments / 100), Math.Min(1_000, deployments / 100));

    public static async Task<(int Deployments, AddedKinds Added, IReadOnlyList<NightPhase> Costs)> RunAsync(int size, TextWriter log, CancellationToken cancellationToken)
    {
        var added = Added(size);
        var costs = await SweepCostScenario.RunAsync(SweepCostRun.Shape(size), readStopRoute: false, added, naive: false, cancellationToken);
        foreach (var c in costs)
        {
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  new kinds {c.Phase,-18} {c.Requests,7:N0} requests {c.Bytes,14:N0} bytes {c.Wall.TotalSeconds,7:F2} s {c.Actions,6} actions"));
        }

        return (size, added, costs);
    }

    /// <summary>The bound: with the new kinds added, a night sweep costs at most five requests and under 64 KB.</summary>
    public static IEnumerable<TargetCheck> Targets(int deployments, AddedKinds added, IReadOnlyList<NightPhase> costs)
    {
        var night = costs.Single(c => c.Phase == "night");
        var cluster = Describe(deployments, added);
        yield return TargetCheck.AtMost($"{cluster}: requests of a night sweep", night.Requests, 5);
        yield return TargetCheck.Below($"{cluster}: response bytes of a night sweep", night.Bytes, 64 * 1024, b => ByteSize.Format((long)b));
    }

    private static string Describe(int deployments, AddedKinds added) => string.Create(CultureInfo.InvariantCulture,
        $"{deployments:N0} Deployments + {added.CronJobs:N0} CronJobs, {added.ScaledObjects:N0} ScaledObjects, {added.Rollouts:N0} Rollouts");

    public static string Markdown(int deployments, AddedKinds added, IReadOnlyList<NightPhase> costs)
    {
        var text = new StringBuilder();
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"With the newer kinds: the {deployments:N0}-Deployment cluster again, plus {added.CronJobs:N0} CronJobs (quarter-hourly, nightly and");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"weekday-morning schedules, none suspended), {added.ScaledObjects:N0} KEDA ScaledObjects (each scaling one of the Deployments, cron trigger,");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"`minReplicaCount: 0`) and {added.Rollouts:N0} Argo Rollouts (99 % at zero), spread over its namespaces, swept by Tarnfui alone (the naive");
        text.AppendLine("sweeper knows none of them): the last daytime sweep (the sweeper's first: it lists its views, the CronJobs' and");
        text.AppendLine("ScaledObjects' whole objects among them), the evening stop, one sweep at midnight, the morning restore, and a stop by a");
        text.AppendLine("sweeper started cold.").AppendLine();
        text.AppendLine("| Sweep | Requests | Response bytes | Wall | Stops/restores | Requests by kind |");
        text.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var c in costs)
        {
            var kinds = string.Join(", ", c.ByVerbAndResource.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value:N0}"));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Phase} | {c.Requests:N0} | {ByteSize.Format(c.Bytes)} | {c.Wall.TotalSeconds:0.00} s | {c.Actions:N0} | {kinds} |");
        }

        return text.ToString();
    }

    public static JsonObject ToJson(int deployments, AddedKinds added, IReadOnlyList<NightPhase> costs) => new()
    {
        ["deployments"] = deployments,
        ["cronJobs"] = added.CronJobs,
        ["scaledObjects"] = added.ScaledObjects,
        ["rollouts"] = added.Rollouts,
        ["phases"] = new JsonArray([.. costs.Select(c => (JsonNode)new JsonObject
        {
            ["phase"] = c.Phase,
            ["requests"] = c.Requests,
            ["responseBytes"] = c.Bytes,
            ["wallSeconds"] = Math.Round(c.Wall.TotalSeconds, 4),
            ["actions"] = c.Actions,
            ["requestsByKind"] = new JsonObject(c.ByVerbAndResource.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => KeyValuePair.Create(k.Key, (JsonNode?)k.Value))),
        })]),
    };
}
