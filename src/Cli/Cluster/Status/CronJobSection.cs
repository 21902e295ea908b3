using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Core.Durations;

namespace Tarnfui.Cli.Cluster.Status;

/// <summary>
/// The CronJobs part of <c>status</c>: every CronJob in scope, and every Job Tarnfui holds, with who holds its
/// spec.suspend. NAME carries the kind (<c>cronjob.batch/nightly</c>, <c>job.batch/migrate</c>).
/// </summary>
internal static class CronJobSection
{
    public static void Write(TextWriter output, IReadOnlyList<CronJobRow> rows, string? @namespace, Instant now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        var table = @namespace is null
            ? new TableWriter("namespace", "name", "schedule", "state", "suspended", "back-at", "next-run", "why")
            : new TableWriter("name", "schedule", "state", "suspended", "back-at", "next-run", "why");
        foreach (var row in rows)
        {
            var cells = new List<string>
            {
                Names.Of(row.Workload),
                row.Schedule,
                row.StateText,
                row.StoppedAt is { } at ? KubeAge.Format(now - at) : string.Empty,
                row.State != CronJobState.SuspendedByTarnfui ? string.Empty
                    : row.BackAt is { } back ? back > now ? Names.Instant(back) : "next sweep" : "never",
                row.NextRun.Text,
                Why(row),
            };
            if (@namespace is null)
            {
                cells.Insert(0, row.Workload.Namespace);
            }

            table.Add([.. cells]);
        }

        table.WriteTo(output);
    }

    public static JsonArray ToJson(IReadOnlyList<CronJobRow> rows) =>
        new([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["namespace"] = r.Workload.Namespace,
            ["name"] = r.Workload.Name,
            ["kind"] = r.Workload.Kind.Kind,
            ["schedule"] = r.Schedule,
            ["timeZone"] = r.TimeZone,
            ["state"] = r.StateKey,
            ["stoppedAt"] = r.StoppedAt is { } at ? Names.Instant(at) : null,
            ["policy"] = DecisionText.State(r.Decision),
            ["backAt"] = r.BackAt is { } back ? Names.Instant(back) : null,
            ["nextRun"] = r.NextRun.At is { } next ? Names.Instant(next) : null,
            ["scheduleProblem"] = r.NextRun.Problem,
            ["problem"] = r.Problem,
        })]);

    // Only the policy's reason matters while Tarnfui holds it; otherwise the state says it all, save an unreadable record.
    private static string Why(CronJobRow row) => row.State switch
    {
        CronJobState.SuspendedByTarnfui => new HeldDown(row.Workload, null, row.StoppedAt, row.Decision, row.BackAt).Why,
        CronJobState.ResumedByPerson => "their resume is kept; the restore removes the record",
        CronJobState.InvalidRecord => row.Problem ?? string.Empty,
        _ => DecisionText.State(row.Decision),
    };
}
