namespace Tarnfui.Core.Replicas;

/// <summary>
/// The rules of a workload held down through <c>spec.suspend</c> (a CronJob), shared by whoever stops one: a CronJob a
/// person suspended is theirs, and a person's change of <c>spec.suspend</c> while Tarnfui holds it wins. Pure.
/// </summary>
public static class SuspendRules
{
    /// <summary>What to do with it during its off-hours.</summary>
    /// <param name="suspended">Its <c>spec.suspend</c>.</param>
    /// <param name="state">Its record, as <see cref="SuspendState.Read"/> read it.</param>
    public static SuspendVerdict ForOffHours(bool suspended, ParseResult<SuspendState?> state)
    {
        if (!state.IsValid)
        {
            return new SuspendVerdict.InvalidState(state.Error);
        }

        if (state.Value is { } stopped)
        {
            // Suspending it again would undo the person who resumed it: a nightly batch someone needs tonight runs.
            return suspended ? new SuspendVerdict.AlreadyStopped(stopped) : new SuspendVerdict.ResumedByPerson(stopped);
        }

        return suspended ? new SuspendVerdict.SuspendedByPerson() : new SuspendVerdict.Suspend();
    }

    /// <summary>What the restore does once its policy says working hours or exempt.</summary>
    /// <param name="suspended">Its <c>spec.suspend</c> now.</param>
    /// <param name="state">Its valid record.</param>
    public static ResumeVerdict ForRestore(bool suspended, SuspendState state)
    {
        ArgumentNullException.ThrowIfNull(state);

        // Still suspended, as the stop left it: the recorded value goes back. Resumed by a person: theirs stays.
        return suspended ? new ResumeVerdict.PutBack(state.OriginalSuspend) : new ResumeVerdict.Forget();
    }
}
