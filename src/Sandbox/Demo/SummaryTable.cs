using System.Globalization;
using System.Text;

namespace Tarnfui.Sandbox.Demo;

/// <summary>Renders a <see cref="DemoSummary"/> as the table the demo ends with.</summary>
internal static class SummaryTable
{
    public static string Render(DemoSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rows = new List<(string Label, string Value)>
        {
            ("workloads (Deployments + StatefulSets)", N(summary.Workloads)),
            ("running before the evening", N(summary.RunningBefore)),
            ("stopped by Tarnfui", N(summary.Stopped)),
            ("replicas held down (peak)", N(summary.ReplicasHeld)),
            ("restored by Tarnfui", N(summary.Restored)),
            ("restored exactly / expected", $"{N(summary.RestoredExactly)} / {N(summary.Expected)}"),
            ("manual changes respected", N(summary.ManualChangesRespected)),
            ("scale-ups zeroed (intent kept)", N(summary.ScaleUpsZeroed)),
            ("scale-ups refused", N(summary.ScaleUpsRefused)),
            ("lost", N(summary.Lost)),
            ("CronJobs suspended / resumed", $"{N(summary.CronJobsSuspended)} / {N(summary.CronJobsResumed)} (of {N(summary.CronJobs)})"),
            ("CronJob re-applies held suspended", N(summary.CronJobReappliesHeld)),
            ($"Jobs started {summary.JobWindow}", N(summary.JobsStartedInWindow)),
        };
        var width = rows.Max(r => r.Label.Length) + 2;
        var text = new StringBuilder();
        foreach (var (label, value) in rows)
        {
            text.Append("  ").Append(label.PadRight(width)).AppendLine(value);
        }

        text.AppendLine();
        text.Append("  ").AppendLine(JobSentence(summary));
        text.AppendLine();
        var costRows = new List<(string Who, ApiCost Cost)>
        {
            ("Tarnfui (sweeper + webhook)", summary.Tarnfui),
            ("  sweeper", summary.TarnfuiSweeper),
            ("  webhook", summary.TarnfuiWebhook),
            ("naive list-everything sweeper", summary.Naive),
        };
        var whoWidth = Math.Max(width, costRows.Max(r => r.Who.Length) + 2);
        text.Append("  ").Append("API cost, whole timeline".PadRight(whoWidth)).Append("requests".PadLeft(10)).AppendLine("bytes".PadLeft(12));
        foreach (var (who, cost) in costRows)
        {
            text.Append("  ").Append(who.PadRight(whoWidth)).Append(N(cost.Requests).PadLeft(10)).AppendLine(Bytes(cost.Bytes).PadLeft(12));
        }

        text.Append("  ").Append("naive / Tarnfui".PadRight(whoWidth))
            .Append(Ratio(summary.RequestRatio).PadLeft(10)).AppendLine(Ratio(summary.ByteRatio).PadLeft(12));
        text.AppendLine();
        text.Append("  Tarnfui's calls: ").AppendLine(Calls(summary.TarnfuiCalls));
        text.Append("  naive calls:     ").AppendLine(Calls(summary.NaiveCalls));
        return text.ToString();
    }

    // From the store's Job creationTimestamps, never a fixed sentence.
    private static string JobSentence(DemoSummary summary) => summary.JobsStartedInWindow == 0
        ? $"No Job started between {summary.JobWindow.Replace(" - ", " and ", StringComparison.Ordinal)} ({N(summary.JobsStartedOutsideWindow)} ran in working hours)."
        : $"{N(summary.JobsStartedInWindow)} Job(s) started between {summary.JobWindow.Replace(" - ", " and ", StringComparison.Ordinal)}: {string.Join(", ", summary.JobsStartedInWindowNames)}.";

    private static string Calls(IReadOnlyDictionary<string, long> calls) =>
        string.Join(", ", calls.OrderByDescending(c => c.Value).Select(c => $"{N(c.Value)} {c.Key}"));

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>How the table names a byte count: <c>12.3 MiB</c>.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1 << 30 => (bytes / (double)(1 << 30)).ToString("0.0' GiB'", CultureInfo.InvariantCulture),
        >= 1 << 20 => (bytes / (double)(1 << 20)).ToString("0.0' MiB'", CultureInfo.InvariantCulture),
        >= 1 << 10 => (bytes / 1024.0).ToString("0.0' KiB'", CultureInfo.InvariantCulture),
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static string Ratio(double ratio) => ratio.ToString("0.0'x'", CultureInfo.InvariantCulture);
}
