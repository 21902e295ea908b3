using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Cli.Cluster.Patching;

/// <summary>
/// What the CLI does to a kind held down through <c>spec.suspend</c> (a CronJob, a Job), by the sweeper's rules
/// (<see cref="SuspendRules"/>) and with the sweeper's patches (<see cref="SuspendPatches"/>).
/// </summary>
internal static class SuspendDecision
{
    /// <summary>The suspend of a sleep; null when there is nothing to suspend, with why.</summary>
    public static (JsonArray? Patch, string Message, bool Refused) Sleep(Workload workload, Instant now, string note)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (workload.Finished)
        {
            return (null, "unchanged: the Job has finished, there is nothing to suspend", false);
        }

        var suspended = workload.Suspend ?? false;
        return SuspendRules.ForOffHours(suspended, workload.SuspendRecord) switch
        {
            SuspendVerdict.Suspend => (
                CliPatches.EndWake(
                    workload,
                    SuspendPatches.Stop(workload.Metadata, suspended, now, SuspendPatches.StopPreconditions(workload.Metadata, workload.ResourceVersion, suspended)),
                    endWake: true),
                $"suspended: suspend false -> true{note}",
                false),
            SuspendVerdict.AlreadyStopped => (null, "unchanged: already suspended by Tarnfui", false),
            SuspendVerdict.SuspendedByPerson => (null, "unchanged: already suspended by a person (Tarnfui leaves it to them)", false),
            SuspendVerdict.ResumedByPerson => (null, "unchanged: a person resumed it while Tarnfui held it, and their choice wins (restore removes the record)", false),
            SuspendVerdict.InvalidState bad => (null, $"not suspended: {bad.Message}", true),
            _ => throw new InvalidOperationException("unknown verdict"),
        };
    }

    /// <summary>The resume verdict; null when Tarnfui does not hold it; an error when its record cannot be read.</summary>
    public static ParseResult<ResumeVerdict?> Of(Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var record = workload.SuspendRecord;
        if (!record.IsValid)
        {
            return ParseResult<ResumeVerdict?>.Fail(record.Error);
        }

        return ParseResult<ResumeVerdict?>.Ok(record.Value is { } state ? SuspendRules.ForRestore(workload.Suspend ?? false, state) : null);
    }

    /// <summary>
    /// The sweeper's restore: <c>spec.suspend</c> back to the recorded value and the record removed, or only the record
    /// removed (a person resumed it, or no verdict: then only leftover keys go).
    /// </summary>
    public static JsonArray Restore(Workload workload, ResumeVerdict? verdict)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return verdict is ResumeVerdict.PutBack back
            ? SuspendPatches.Restore(workload.Metadata, back.Suspend, SuspendPatches.RestorePreconditions(workload.ResourceVersion, back.Suspend))
            : ReplicaPatches.Forget(workload.Metadata, CliPatches.Precondition(workload));
    }

    /// <summary><c>suspend true -> false</c>, or why it stays.</summary>
    public static string Describe(ResumeVerdict? verdict, bool? current) => verdict switch
    {
        ResumeVerdict.PutBack { Suspend: false } => "suspend true -> false",
        ResumeVerdict.PutBack => "suspend left true, as it was before Tarnfui suspended it",
        ResumeVerdict.Forget => "suspend left false: someone resumed it while Tarnfui held it",
        _ => current == true ? "suspended by a person; it stays suspended" : "not suspended",
    };
}
