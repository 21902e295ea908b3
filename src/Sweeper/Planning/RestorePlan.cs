namespace Tarnfui.Sweeper.Planning;

/// <summary>What the restore pass does with one workload that carries Tarnfui's state. A closed family.</summary>
internal abstract record RestorePlan(WorkloadSnapshot Workload)
{
    /// <summary>
    /// The Warning Event's note when the workload's own policy was set aside for the global schedule (an annotation
    /// that cannot be read), or null. The plan is carried out all the same.
    /// </summary>
    public string? Warning { get; init; }

    /// <summary>
    /// Put <paramref name="Replicas"/> back and remove the state, in one patch. When the current count is not known
    /// (the workload was read from the metadata-only list), the patch tests that it is still
    /// <paramref name="HeldAt"/>, so a count someone changed is never overwritten.
    /// </summary>
    public sealed record Restore(WorkloadSnapshot Workload, int Replicas, int HeldAt, string Why) : RestorePlan(Workload);

    /// <summary>Someone changed the count while it was stopped: remove only the state; an Event says so.</summary>
    public sealed record Forget(WorkloadSnapshot Workload, int Replicas, int HeldAt) : RestorePlan(Workload);

    /// <summary>
    /// Put <c>spec.suspend</c> back to <paramref name="Suspend"/> and remove the record, in one patch that tests it is
    /// still suspended with the record as read (a CronJob).
    /// </summary>
    public sealed record PutBackSuspend(WorkloadSnapshot Workload, bool Suspend, string Why) : RestorePlan(Workload);

    /// <summary>A person resumed it while it was held suspended: their choice stays, only the record is removed; an Event says so.</summary>
    public sealed record KeepPersonsSuspend(WorkloadSnapshot Workload) : RestorePlan(Workload);

    /// <summary>Still off-hours (or never touched): stays as it is.</summary>
    public sealed record Hold(WorkloadSnapshot Workload) : RestorePlan(Workload);

    /// <summary>An annotation cannot be read: left alone, a Warning Event says why.</summary>
    public sealed record Invalid(WorkloadSnapshot Workload, string Message) : RestorePlan(Workload);
}
