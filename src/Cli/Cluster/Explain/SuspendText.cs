using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Cli.Cluster.Explain;

/// <summary>What explain says of a CronJob's <c>spec.suspend</c> and Tarnfui's record of it, by the sweeper's rules.</summary>
internal static class SuspendText
{
    /// <summary>The <c>Suspend:</c> line: its value, and who holds it.</summary>
    public static string Line(Workload cronJob, Instant now)
    {
        ArgumentNullException.ThrowIfNull(cronJob);
        var suspended = cronJob.Suspend ?? false;
        var value = suspended ? "true" : "false";
        return SuspendRules.ForOffHours(suspended, cronJob.SuspendRecord) switch
        {
            SuspendVerdict.AlreadyStopped held =>
                $"{value} (suspended by Tarnfui{Since(held.State, now)}; restored to {SuspendState.Format(held.State.OriginalSuspend)})",
            SuspendVerdict.ResumedByPerson => $"{value} (a person resumed it while Tarnfui held it: their resume is kept, and the restore removes the record)",
            SuspendVerdict.SuspendedByPerson => $"{value} (suspended by a person: Tarnfui never resumes it)",
            SuspendVerdict.InvalidState bad => $"{value} (Tarnfui's record on it cannot be read: {bad.Message})",
            _ => value,
        };
    }

    /// <summary>The JSON of the same: <c>suspend</c> and, when Tarnfui holds it, its record.</summary>
    public static void AddTo(JsonObject json, Workload cronJob)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(cronJob);
        var record = cronJob.SuspendRecord;
        json["suspend"] = cronJob.Suspend ?? false;
        json["suspendRecord"] = record.IsValid && record.Value is { } state
            ? new JsonObject
            {
                ["originalSuspend"] = state.OriginalSuspend,
                ["stoppedAt"] = state.StoppedAt is { } at ? Names.Instant(at) : null,
            }
            : null;
        json["suspendRecordError"] = record.IsValid ? null : record.Error;
    }

    private static string Since(SuspendState state, Instant now) => state.StoppedAt is { } at ? $" since {Names.When(at, now)}" : string.Empty;
}
