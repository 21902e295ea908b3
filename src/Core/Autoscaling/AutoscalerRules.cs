namespace Tarnfui.Core.Autoscaling;

/// <summary>
/// When Tarnfui bounds a HorizontalPodAutoscaler and what the morning does with it. Pure: a function of the HPA's
/// bounds, its record and how its target is held.
/// </summary>
/// <remarks>
/// Kubernetes does not autoscale a target at 0 replicas (the HPA controller leaves it alone), so a workload held at 0
/// leaves its HPA untouched. Held at one or more, the HPA would scale it back into its own range; both bounds set to
/// the held count make it agree with the night.
/// </remarks>
public static class AutoscalerRules
{
    /// <param name="bounds">The HPA's bounds now.</param>
    /// <param name="record">Its record, as <see cref="AutoscalerRecord.Read"/> read it.</param>
    /// <param name="heldAt">The count Tarnfui holds its target at, or null when the target is not held (running, restored, gone).</param>
    public static AutoscalerVerdict Decide(AutoscalerBounds bounds, ParseResult<AutoscalerRecord?> record, int? heldAt)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        if (!record.IsValid)
        {
            return new AutoscalerVerdict.Invalid(record.Error);
        }

        if (record.Value is not { } bounded)
        {
            return heldAt is > 0 ? new AutoscalerVerdict.Bound(heldAt.Value) : new AutoscalerVerdict.Leave();
        }

        if (heldAt is not null)
        {
            // Still held: bounded already, or a person changed the bounds tonight and keeps them until the morning.
            return new AutoscalerVerdict.Leave();
        }

        return bounds.HoldsAt(bounded.Held) ? new AutoscalerVerdict.PutBack(bounded) : new AutoscalerVerdict.Forget(bounded);
    }
}
