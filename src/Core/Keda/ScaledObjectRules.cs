using System.Globalization;

namespace Tarnfui.Core.Keda;

/// <summary>
/// When Tarnfui pauses a KEDA ScaledObject and what the morning does with it. Pure: a function of the ScaledObject's
/// <c>paused-replicas</c>, its record, what the policy of its target says now (<see cref="ScaledObjectPolicy"/>), and the
/// target's count.
/// </summary>
/// <remarks>
/// KEDA scales its target itself (from zero on activation, through its own HPA above one), so stopping the target
/// directly would be a fight Tarnfui loses every time KEDA activates. Pausing with KEDA's own annotation makes KEDA
/// hold the target at the night's count, and nothing else needs to be refused.
/// </remarks>
public static class ScaledObjectRules
{
    /// <summary>
    /// The count a ScaledObject is paused at: never above the target's count. A target KEDA runs below the downtime
    /// count (or at zero) is paused where it is, as a Deployment below it is never scaled up; paused all the same, so
    /// KEDA's activation cannot raise it. The sweeper and <c>kubectl tarnfui sleep</c> both pause with it.
    /// </summary>
    public static int PausedCount(int downtimeReplicas, int targetReplicas) => Math.Min(downtimeReplicas, targetReplicas);

    /// <param name="pausedNow">The ScaledObject's <c>autoscaling.keda.sh/paused-replicas</c> now, verbatim, or null.</param>
    /// <param name="record">Its record, as <see cref="ScaledObjectRecord.Read"/> read it.</param>
    /// <param name="policy">What the policy of its target says now.</param>
    /// <param name="targetReplicas">The target's replica count now, or null when it is not known (not read, or gone).</param>
    public static ScaledObjectVerdict Decide(string? pausedNow, ParseResult<ScaledObjectRecord?> record, ScaledObjectPolicy policy, int? targetReplicas)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!record.IsValid)
        {
            return new ScaledObjectVerdict.Invalid(record.Error);
        }

        if (record.Value is not { } paused)
        {
            return policy is { OffHours: true, Readable: true } && targetReplicas is { } count
                ? new ScaledObjectVerdict.Pause(PausedCount(policy.DowntimeReplicas, count), count)
                : new ScaledObjectVerdict.Leave();
        }

        if (policy.OffHours)
        {
            // Paused already, or a person changed the pause tonight and keeps it until the morning.
            return new ScaledObjectVerdict.Leave();
        }

        if (!IsCount(pausedNow, paused.Paused))
        {
            // A person's pause wins, restore: manual or not: they brought it back (or paused it) themselves.
            return new ScaledObjectVerdict.Forget(paused);
        }

        // restore: manual: held at Tarnfui's pause until a person restores it (kubectl tarnfui restore).
        return policy.ManualRestore ? new ScaledObjectVerdict.Leave() : new ScaledObjectVerdict.Unpause(paused);
    }

    /// <summary>The <c>paused-replicas</c> value Tarnfui writes for <paramref name="replicas"/>.</summary>
    public static string Format(int replicas) => replicas.ToString(CultureInfo.InvariantCulture);

    private static bool IsCount(string? value, int replicas) => string.Equals(value, Format(replicas), StringComparison.Ordinal);
}
