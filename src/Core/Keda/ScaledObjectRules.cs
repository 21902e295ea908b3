using System.Globalization;

namespace Tarnfui.Core.Keda;

/// <summary>
/// When Tarnfui pauses a KEDA ScaledObject and what the morning does with it. Pure: a function of the ScaledObject's
/// <c>paused-replicas</c>, its record, what the policy of its target says now, and the target's count.
/// </summary>
/// <remarks>
/// KEDA scales its target itself (from zero on activation, through its own HPA above one), so stopping the target
/// directly would be a fight Tarnfui loses every time KEDA activates. Pausing with KEDA's own annotation makes KEDA
/// hold the target at the night's count, and nothing else needs to be refused.
/// </remarks>
public static class ScaledObjectRules
{
    /// <param name="pausedNow">The ScaledObject's <c>autoscaling.keda.sh/paused-replicas</c> now, verbatim, or null.</param>
    /// <param name="record">Its record, as <see cref="ScaledObjectRecord.Read"/> read it.</param>
    /// <param name="offHours">Whether the policy of its target says off-hours now (false when excluded).</param>
    /// <param name="downtimeReplicas">The count the policy keeps off-hours.</param>
    /// <param name="targetReplicas">The target's replica count now, or null when it is not known (not read, or gone).</param>
    public static ScaledObjectVerdict Decide(string? pausedNow, ParseResult<ScaledObjectRecord?> record, bool offHours, int downtimeReplicas, int? targetReplicas)
    {
        if (!record.IsValid)
        {
            return new ScaledObjectVerdict.Invalid(record.Error);
        }

        if (record.Value is not { } paused)
        {
            // Never above the target's count: a target KEDA runs below the downtime count (or at zero) is paused where it
            // is, as a Deployment below it is never scaled up; paused all the same, so KEDA's activation cannot raise it.
            return offHours && targetReplicas is { } count ? new ScaledObjectVerdict.Pause(Math.Min(downtimeReplicas, count), count) : new ScaledObjectVerdict.Leave();
        }

        if (offHours)
        {
            // Paused already, or a person changed the pause tonight and keeps it until the morning.
            return new ScaledObjectVerdict.Leave();
        }

        return IsCount(pausedNow, paused.Paused) ? new ScaledObjectVerdict.Unpause(paused) : new ScaledObjectVerdict.Forget(paused);
    }

    /// <summary>The <c>paused-replicas</c> value Tarnfui writes for <paramref name="replicas"/>.</summary>
    public static string Format(int replicas) => replicas.ToString(CultureInfo.InvariantCulture);

    private static bool IsCount(string? value, int replicas) => string.Equals(value, Format(replicas), StringComparison.Ordinal);
}
