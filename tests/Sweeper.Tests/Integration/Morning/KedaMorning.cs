using System.Globalization;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>
/// What the property asks of every KEDA-scaled workload, whatever the model says: while Tarnfui's pause is in place its
/// target never runs above the paused count (KEDA's activation at night starts no pod); and in the morning a target
/// whose ScaledObject nothing but Tarnfui changed at night, and which its schedule no longer holds, is back at its
/// evening count (or at a person's <c>paused-replicas</c>, which KEDA applies), its ScaledObject at the
/// <c>paused-replicas</c> a person had set (or none) with no record of Tarnfui's.
/// </summary>
public static class KedaMorning
{
    /// <summary>How a target under Tarnfui's pause runs above it, or null.</summary>
    public static string? ActivatedWhilePaused(ModelWorkload w, Dictionary<WorkloadRef, ObservedWorkload> targets, Dictionary<WorkloadRef, ObservedScaledObject> scaledObjects)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(scaledObjects);
        if (w.ScaledObject is null || !scaledObjects.TryGetValue(w.Ref, out var scaledObject) || !targets.TryGetValue(w.Ref, out var target)
            || !scaledObject.Annotations.TryGetValue(WellKnown.Annotations.HeldReplicas, out var heldText)
            || !int.TryParse(heldText, NumberStyles.None, CultureInfo.InvariantCulture, out var held)
            || scaledObject.Annotations.GetValueOrDefault(WellKnown.Keda.PausedReplicas) != heldText)
        {
            return null;
        }

        return target.Replicas > held ? $"the target runs {target.Replicas} replicas though Tarnfui holds its ScaledObject paused at {held}" : null;
    }

    /// <summary>How the morning of a KEDA target breaks the property, or null.</summary>
    public static string? Broken(ModelWorkload w, Dictionary<WorkloadRef, ObservedWorkload> targets, Dictionary<WorkloadRef, ObservedScaledObject> scaledObjects)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(scaledObjects);
        if (w.ScaledObject is not { Record: null, ChangedAtNight: false } model)
        {
            return null;
        }

        if (!targets.TryGetValue(w.Ref, out var target) || !scaledObjects.TryGetValue(w.Ref, out var scaledObject))
        {
            return "the target or its ScaledObject is gone";
        }

        var (replicas, paused) = model.Evening;
        var found = scaledObject.Annotations.GetValueOrDefault(WellKnown.Keda.PausedReplicas);
        var left = WellKnown.Annotations.ScaledObjectState.Where(scaledObject.Annotations.ContainsKey).ToList();

        // A person's pause is KEDA's count once it is back in place: a target the webhook held below it in the evening
        // (KEDA's write refused off-hours) goes to it in the morning, as KEDA carries on from the evening.
        var expected = int.TryParse(paused, NumberStyles.None, CultureInfo.InvariantCulture, out var personsCount) ? personsCount : replicas;
        var why = expected == replicas ? $"its evening's {replicas}" : $"the {WellKnown.Keda.PausedReplicas} {paused} a person set";
        return target.Replicas != expected ? $"the target runs {target.Replicas} replicas, not {why}"
            : found != paused ? $"the ScaledObject's {WellKnown.Keda.PausedReplicas} is {found ?? "absent"}, not the evening's {paused ?? "(none)"}"
            : left.Count > 0 || scaledObject.Labels.ContainsKey(WellKnown.Labels.Stopped) ? $"the ScaledObject still carries Tarnfui's record ({string.Join(", ", left)})"
            : null;
    }
}
