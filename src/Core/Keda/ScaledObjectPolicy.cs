using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Keda;

/// <summary>
/// What the policy of a ScaledObject's target means for its pause, read the way the stop and restore passes read a
/// Deployment's: a pause is only decided on a readable policy; an unreadable one never keeps a paused ScaledObject
/// paused past the global schedule's working hours; <c>tarnfui.io/restore: manual</c> keeps it paused for a person.
/// </summary>
/// <param name="OffHours">Whether it is off-hours now (by the global schedule alone when the target's policy is unreadable).</param>
/// <param name="DowntimeReplicas">The count off-hours keep.</param>
/// <param name="ManualRestore">Whether only a person unpauses it (<c>tarnfui.io/restore: manual</c>).</param>
/// <param name="Readable">Whether the target's own policy could be read: an unreadable one pauses nothing.</param>
public sealed record ScaledObjectPolicy(bool OffHours, int DowntimeReplicas, bool ManualRestore, bool Readable)
{
    /// <summary>
    /// From the target's decision; <paramref name="withoutAnnotations"/> resolves it again without its and its
    /// namespace's annotations, asked only when the decision is <see cref="PolicyDecision.Invalid"/>.
    /// </summary>
    public static ScaledObjectPolicy Of(PolicyDecision decision, Func<PolicyDecision> withoutAnnotations)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(withoutAnnotations);
        if (decision is PolicyDecision.Invalid)
        {
            // As for a stopped Deployment: held while the global schedule says off-hours, back in its working hours.
            return new ScaledObjectPolicy(withoutAnnotations() is PolicyDecision.OffHours, 0, ManualRestore: false, Readable: false);
        }

        return decision is PolicyDecision.OffHours off
            ? new ScaledObjectPolicy(true, off.DowntimeReplicas, off.ManualRestore is not null, Readable: true)
            : new ScaledObjectPolicy(false, 0, decision.ManualRestore is not null, Readable: true);
    }
}
