namespace Tarnfui.Core.Autoscaling;

/// <summary>What <see cref="AutoscalerRules.Decide"/> says about the HorizontalPodAutoscaler of a workload. A closed family.</summary>
public abstract record AutoscalerVerdict
{
    private AutoscalerVerdict()
    {
    }

    /// <summary>Nothing to write: not bounded and no need to be, or bounded and its target still held.</summary>
    public sealed record Leave : AutoscalerVerdict;

    /// <summary>
    /// Its target is held at <paramref name="Replicas"/> (one or more): set both bounds to it and record the bounds it
    /// had (<see cref="AutoscalerPatches.Bound"/>), so the HPA neither scales the target back up nor sends refused
    /// <c>/scale</c> writes to the webhook all night.
    /// </summary>
    public sealed record Bound(int Replicas) : AutoscalerVerdict;

    /// <summary>Its target is no longer held: put <paramref name="Record"/>'s bounds back and remove the record (<see cref="AutoscalerPatches.Restore"/>).</summary>
    public sealed record PutBack(AutoscalerRecord Record) : AutoscalerVerdict;

    /// <summary>
    /// Its target is no longer held, but a person changed the bounds while Tarnfui held them: theirs stay, only the
    /// record is removed (<see cref="AutoscalerPatches.Forget"/>).
    /// </summary>
    public sealed record Forget(AutoscalerRecord Record) : AutoscalerVerdict;

    /// <summary>Its record cannot be read: left alone, a Warning says why.</summary>
    public sealed record Invalid(string Message) : AutoscalerVerdict;
}
