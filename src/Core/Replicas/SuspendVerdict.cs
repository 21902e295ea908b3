namespace Tarnfui.Core.Replicas;

/// <summary>What <see cref="SuspendRules.ForOffHours"/> says about a suspendable workload during off-hours. A closed family.</summary>
public abstract record SuspendVerdict
{
    private SuspendVerdict()
    {
    }

    /// <summary>Suspend it: <see cref="SuspendPatches.Stop"/>, recording that it was not suspended.</summary>
    public sealed record Suspend : SuspendVerdict;

    /// <summary>Suspended already, with no record of Tarnfui's: a person suspended it, and it is theirs to resume.</summary>
    public sealed record SuspendedByPerson : SuspendVerdict;

    /// <summary>Carries Tarnfui's record and is still suspended: nothing to write.</summary>
    public sealed record AlreadyStopped(SuspendState State) : SuspendVerdict;

    /// <summary>
    /// Carries Tarnfui's record but a person resumed it: their choice wins. It is not suspended again; the restore
    /// removes the record and says so.
    /// </summary>
    public sealed record ResumedByPerson(SuspendState State) : SuspendVerdict;

    /// <summary>Its record cannot be read: left alone, a Warning says why.</summary>
    public sealed record InvalidState(string Message) : SuspendVerdict;
}

/// <summary>What <see cref="SuspendRules.ForRestore"/> says about a suspended workload in working hours. A closed family.</summary>
public abstract record ResumeVerdict
{
    private ResumeVerdict()
    {
    }

    /// <summary>Put <c>spec.suspend</c> back to <paramref name="Suspend"/>: <see cref="SuspendPatches.Restore"/>.</summary>
    public sealed record PutBack(bool Suspend) : ResumeVerdict;

    /// <summary>A person resumed it while stopped: only the record is removed (<see cref="StopRecord.StopWrites.Forget"/>) and an Event says so.</summary>
    public sealed record Forget : ResumeVerdict;
}
