namespace Tarnfui.Core.Keda;

/// <summary>What <see cref="ScaledObjectRules.Decide"/> says about a KEDA ScaledObject. A closed family.</summary>
public abstract record ScaledObjectVerdict
{
    private ScaledObjectVerdict()
    {
    }

    /// <summary>Nothing to write: working hours and not paused by Tarnfui, or paused and still off-hours.</summary>
    public sealed record Leave : ScaledObjectVerdict;

    /// <summary>
    /// Off-hours: pause it at <paramref name="Replicas"/> (the downtime count, or the target's count when lower) with KEDA's <c>paused-replicas</c>, recording
    /// <paramref name="TargetReplicas"/>, the count its target has now (<see cref="ScaledObjectPatches.Pause"/>).
    /// KEDA then scales the target itself.
    /// </summary>
    public sealed record Pause(int Replicas, int TargetReplicas) : ScaledObjectVerdict;

    /// <summary>
    /// Working hours and still paused at Tarnfui's count: the target's <c>/scale</c> goes back to
    /// <see cref="ScaledObjectRecord.TargetReplicas"/>, then the pause (or a person's own value) and the record are
    /// put back (<see cref="ScaledObjectPatches.Resume"/>).
    /// </summary>
    public sealed record Unpause(ScaledObjectRecord Record) : ScaledObjectVerdict;

    /// <summary>
    /// Working hours, but a person changed or removed <c>paused-replicas</c> at night: theirs stays, only the record is
    /// removed (<see cref="ScaledObjectPatches.Forget"/>), and an Event says so.
    /// </summary>
    public sealed record Forget(ScaledObjectRecord Record) : ScaledObjectVerdict;

    /// <summary>Its record cannot be read: left alone, a Warning says why.</summary>
    public sealed record Invalid(string Message) : ScaledObjectVerdict;
}
