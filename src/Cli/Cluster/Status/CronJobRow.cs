using NodaTime;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Cli.Cluster.Status;

/// <summary>Who holds a CronJob's <c>spec.suspend</c>, in the sweeper's words (<see cref="SuspendRules.ForOffHours"/>).</summary>
internal enum CronJobState
{
    Running,
    SuspendedByTarnfui,
    SuspendedByPerson,
    ResumedByPerson,
    InvalidRecord,
}

/// <summary>One CronJob in <c>status</c>: its state, and for one Tarnfui holds, when it comes back.</summary>
/// <param name="Workload">The CronJob.</param>
/// <param name="Schedule">Its spec.schedule.</param>
/// <param name="State">Who holds its spec.suspend.</param>
/// <param name="StoppedAt">When Tarnfui suspended it, if recorded.</param>
/// <param name="Decision">What the policy says now.</param>
/// <param name="BackAt">For one Tarnfui holds: the next working-hours start, now (the next sweep) or null (never).</param>
/// <param name="Problem">Why its record cannot be read, for <see cref="CronJobState.InvalidRecord"/>.</param>
/// <param name="TimeZone">Its spec.timeZone; null when unset.</param>
/// <param name="NextRun">When it next starts a Job.</param>
internal sealed record CronJobRow(WorkloadRef Workload, string Schedule, CronJobState State, Instant? StoppedAt, PolicyDecision Decision, Instant? BackAt, string? Problem, string? TimeZone, NextRun NextRun)
{
    /// <summary><c>suspended by Tarnfui</c>, <c>running</c>, …: the STATE column.</summary>
    public string StateText => State switch
    {
        CronJobState.Running => "running",
        CronJobState.SuspendedByTarnfui => "suspended by Tarnfui",
        CronJobState.SuspendedByPerson => "suspended by a person",
        CronJobState.ResumedByPerson => "resumed by a person",
        _ => "invalid record",
    };

    /// <summary>kebab-case, as in JSON output.</summary>
    public string StateKey => State switch
    {
        CronJobState.Running => "running",
        CronJobState.SuspendedByTarnfui => "suspended-by-tarnfui",
        CronJobState.SuspendedByPerson => "suspended-by-person",
        CronJobState.ResumedByPerson => "resumed-by-person",
        _ => "invalid-record",
    };

    public static CronJobRow Create(Workload cronJob, PolicyDecision decision, Instant now)
    {
        ArgumentNullException.ThrowIfNull(cronJob);
        var record = cronJob.SuspendRecord;
        var (state, problem) = SuspendRules.ForOffHours(cronJob.Suspend ?? false, record) switch
        {
            SuspendVerdict.Suspend => (CronJobState.Running, null),
            SuspendVerdict.AlreadyStopped => (CronJobState.SuspendedByTarnfui, null),
            SuspendVerdict.SuspendedByPerson => (CronJobState.SuspendedByPerson, null),
            SuspendVerdict.ResumedByPerson => (CronJobState.ResumedByPerson, null),
            SuspendVerdict.InvalidState bad => (CronJobState.InvalidRecord, (string?)bad.Message),
            _ => throw new InvalidOperationException("unknown verdict"),
        };
        var stoppedAt = record.IsValid ? record.Value?.StoppedAt : null;
        var backAt = state == CronJobState.SuspendedByTarnfui ? HeldDown.ComesBackAt(decision, now) : null;
        var suspended = cronJob.Suspend ?? false;
        var next = NextRun.Of(cronJob.Schedule, cronJob.TimeZone, state, suspended, backAt, now);
        return new CronJobRow(cronJob.Ref, cronJob.Schedule ?? string.Empty, state, stoppedAt, decision, backAt, problem, cronJob.TimeZone, next);
    }
}
