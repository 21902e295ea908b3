using System.Globalization;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>Tarnfui's pause record on a ScaledObject: the target's count to put back, the paused count it set, and a person's own paused value.</summary>
public sealed record PauseRecord(int Original, int Held, string? Person);

/// <summary>
/// The ScaledObject of a KEDA-scaled workload in the model, and what the sweeper's ScaledObject pass and the emulated KEDA
/// operator do to it and its target (the <see cref="ModelWorkload"/> it belongs to, whose count is the target's):
/// <list type="bullet">
/// <item>the pass, when the target's policy says off-hours and there is no record: pause at the downtime count (the
/// target's count when lower),
/// recording the target's count and a person's own paused value (an unreadable policy pauses nothing); in working hours
/// (by the global schedule alone when the target's policy cannot be read) with a record: if <c>paused-replicas</c> is
/// still the count it set, the target goes back to its count and the person's value (or nothing) back in place of the
/// pause, unless <c>restore: manual</c> keeps it paused for a person; else the person's pause stays and the record
/// goes. Off-hours with a record, nothing;</item>
/// <item>KEDA, at each of its syncs: a paused count it has not applied yet is written to the target; unpaused, an
/// active trigger's edge scales a target at zero to one, an inactive edge back to zero. A write the webhook refuses
/// (a raise above the downtime count while the target's policy says off-hours) leaves its status as it was, so it
/// tries again at the next sync.</item>
/// </list>
/// </summary>
public sealed class ModelScaledObject(string? personPaused)
{
    /// <summary>Its <c>autoscaling.keda.sh/paused-replicas</c> now.</summary>
    public string? Paused { get; private set; } = personPaused;

    public PauseRecord? Record { get; private set; }

    /// <summary>The target's count and the <c>paused-replicas</c> in the evening, before the first sweep.</summary>
    public (int Replicas, string? Paused) Evening { get; private set; }

    /// <summary>Whether a person changed the pause, or the trigger turned active, during the night.</summary>
    public bool ChangedAtNight { get; private set; }

    // KEDA's status: the paused count it applied last, and whether it last saw the trigger active.
    private int? _appliedPause;
    private bool _wasActive;
    private bool _active;

    /// <summary>KEDA's sync at noon, when the case is made; what it leaves is the evening's state.</summary>
    public void Noon(ModelWorkload target, Func<int, bool> refused)
    {
        ArgumentNullException.ThrowIfNull(target);
        Sync(target, refused, "noon");
        Evening = (target.Replicas, Paused);
    }

    /// <summary>
    /// The ScaledObject pass of one sweep, given what the target's policy says now and what the global schedule alone
    /// says (<paramref name="global"/>, asked when the target's policy cannot be read).
    /// </summary>
    public void Sweep(ModelWorkload target, PolicyDecision decision, Func<PolicyDecision> global, string when)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(global);
        var readable = decision is not PolicyDecision.Invalid;
        var effective = readable ? decision : global();
        var offHours = effective as PolicyDecision.OffHours;
        if (Record is null)
        {
            if (readable && offHours is not null)
            {
                // Never above the target's count: a target below the downtime count is paused where it is.
                var held = Math.Min(offHours.DowntimeReplicas, target.Replicas);
                Record = new PauseRecord(target.Replicas, held, Paused);
                Paused = Count(held);
                target.Trace.Add($"{when}: ScaledObject paused at {Paused}, target's {target.Replicas} recorded");
                target.Counts = target.Counts with { Stops = target.Counts.Stops + 1 };
            }

            return;
        }

        if (offHours is not null)
        {
            return;
        }

        if (Paused == Count(Record.Held) && effective.ManualRestore is not null)
        {
            target.Trace.Add($"{when}: ScaledObject kept paused at {Paused} for a person (restore: manual)");
            return;
        }

        if (Paused == Count(Record.Held))
        {
            target.Trace.Add($"{when}: ScaledObject unpaused{(Record.Person is null ? "" : $" to the person's {Record.Person}")}, target {target.Replicas} -> {Record.Original}");
            target.Replicas = Record.Original;
            Paused = Record.Person;
            target.Counts = target.Counts with { Restores = target.Counts.Restores + 1 };
        }
        else
        {
            target.Trace.Add($"{when}: the person's pause {Paused ?? "(removed)"} kept, record removed");
            target.Counts = target.Counts with { PersonsKept = target.Counts.PersonsKept + 1 };
        }

        Record = null;
    }

    /// <summary>One sync of the emulated KEDA operator; <paramref name="refused"/> says whether admission refuses a write of the target's count.</summary>
    public void Sync(ModelWorkload target, Func<int, bool> refused, string when)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(refused);
        int? paused = int.TryParse(Paused, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
        int? desired = paused is { } p ? (_appliedPause == p ? null : p)
            : _active && !_wasActive && target.Replicas == 0 ? 1
            : !_active && _wasActive && target.Replicas > 0 ? 0
            : null;
        if (desired is { } replicas && replicas != target.Replicas)
        {
            if (refused(replicas))
            {
                target.Trace.Add($"{when}: KEDA's scale to {replicas} refused by the webhook");
                return;
            }

            target.Trace.Add($"{when}: KEDA scales the target {target.Replicas} -> {replicas}");
            target.Replicas = replicas;
        }

        _appliedPause = paused;
        _wasActive = paused is null && _active;
    }

    /// <summary>A person's night change: the pause set to <paramref name="value"/>, or removed.</summary>
    public void SetPause(string? value)
    {
        Paused = value;
        ChangedAtNight = true;
    }

    /// <summary>The trigger turns active.</summary>
    public void Activate()
    {
        _active = true;
        ChangedAtNight = true;
    }

    private static string Count(int replicas) => replicas.ToString(CultureInfo.InvariantCulture);
}
