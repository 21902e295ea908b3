using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tarnfui.Bench.Sweep;
using CronJobNightPhase = Tarnfui.Bench.Sweep.SweepCost;

namespace Tarnfui.Bench.Scenarios.SweepCost;

/// <summary>
/// The largest sweep-cost cluster once more with CronJobs beside its Deployments (issue 16: 10,000 beside 100,000),
/// swept by Tarnfui alone through <see cref="SweepCostScenario"/>, as <c>CronJobSweepCostTests</c> does: the naive
/// sweeper knows no CronJobs, so a side-by-side would compare unequal work.
/// </summary>
internal static class CronJobNight
{
    /// <summary>One CronJob for every this many Deployments.</summary>
    public const int DeploymentsPerCronJob = 10;

    public static async Task<(int Deployments, int CronJobs, IReadOnlyList<CronJobNightPhase> Costs)> RunAsync(int size, TextWriter log, CancellationToken cancellationToken)
    {
        var cronJobs = size / DeploymentsPerCronJob;
        var costs = await SweepCostScenario.RunAsync(SweepCostRun.Shape(size), readStopRoute: false, cronJobs, naive: false, cancellationToken);
        foreach (var c in costs)
        {
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  cronjobs {c.Phase,-18} {c.Requests,7:N0} requests {c.Bytes,14:N0} bytes {c.Wall.TotalSeconds,7:F2} s {c.Actions,6} actions"));
        }

        return (size, cronJobs, costs);
    }

    public static TargetCheck Target(int deployments, int cronJobs, IReadOnlyList<CronJobNightPhase> costs)
    {
        var night = costs.Single(c => c.Phase == "night");
        return new TargetCheck(
            string.Create(CultureInfo.InvariantCulture, $"{deployments:N0} + {cronJobs:N0} CronJobs: a night sweep costs ≤ 5 requests and < 64 KB"),
            string.Create(CultureInfo.InvariantCulture, $"{night.Requests} requests, {ByteSize.Format(night.Bytes)}"),
            night.Requests <= 5 && night.Bytes < 64 * 1024);
    }

    public static string Markdown(int deployments, int cronJobs, IReadOnlyList<CronJobNightPhase> costs)
    {
        var text = new StringBuilder();
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"With CronJobs: the {deployments:N0}-Deployment cluster again, plus {cronJobs:N0} CronJobs (quarter-hourly, nightly and weekday-morning");
        text.AppendLine("schedules, none suspended, spread over its namespaces), swept by Tarnfui alone (the naive sweeper knows no CronJobs): the");
        text.AppendLine("last daytime sweep (the sweeper's first: it lists its views, the CronJobs' whole objects among them, since `spec.suspend`");
        text.AppendLine("is not in metadata), the evening stop, one sweep at midnight, the morning restore, and a stop by a sweeper started cold.").AppendLine();
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

    public static JsonObject ToJson(int deployments, int cronJobs, IReadOnlyList<CronJobNightPhase> costs) => new()
    {
        ["deployments"] = deployments,
        ["cronJobs"] = cronJobs,
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
