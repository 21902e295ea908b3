using NodaTime;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Status;

/// <summary>One workload Tarnfui holds down (or one KEDA ScaledObject it holds paused), and when it comes back.</summary>
/// <param name="Workload">The workload; for a ScaledObject, its target, whose policy decides.</param>
/// <param name="OriginalReplicas">The count a restore puts back (for a ScaledObject, its target's); null when the record cannot be read.</param>
/// <param name="StoppedAt">When it was stopped, if recorded.</param>
/// <param name="Decision">What the policy says now.</param>
/// <param name="BackAt">When the restore is due: the next working-hours start, now (restored at the next sweep), or null (never).</param>
internal sealed record HeldDown(WorkloadRef Workload, int? OriginalReplicas, Instant? StoppedAt, PolicyDecision Decision, Instant? BackAt)
{
    /// <summary>The name of the KEDA ScaledObject held paused for <see cref="Workload"/>, or null for a workload held down itself.</summary>
    public string? ScaledObject { get; init; }

    /// <summary>The kind of the row as status prints it: the workload's, or <c>ScaledObject</c>.</summary>
    public string Kind => ScaledObject is null ? Workload.Kind.ToString() : WellKnown.Keda.ScaledObjectKind;

    /// <summary>The row's own name: the workload's, or the ScaledObject's.</summary>
    public string Name => ScaledObject ?? Workload.Name;

    /// <summary>kubectl's <c>kind.group/name</c> of the row.</summary>
    public string QualifiedName => ScaledObject is { } name
        ? $"{WellKnown.Keda.ScaledObjectKind.ToLowerInvariant()}.{WellKnown.Keda.Group}/{name}"
        : Names.Of(Workload);

    /// <summary>Why it stays down or comes back: <c>off-hours</c>, <c>holiday</c>, <c>excluded: exclude-until</c>, <c>invalid tarnfui.io/uptime</c>.</summary>
    public string Why => Decision switch
    {
        { ManualRestore: not null } and not PolicyDecision.Invalid => $"{WellKnown.Annotations.Restore}: {WellKnown.Annotations.ManualRestoreValue} (kubectl tarnfui restore)",
        PolicyDecision.OffHours { Forced: { } f } => $"sleeps until {Names.Instant(f.Until)}",
        PolicyDecision.Exempt e => $"excluded: {Policy.DecisionText.Reason(e.Reason)}",
        PolicyDecision.Invalid i => $"invalid {i.AnnotationKey}",
        PolicyDecision.WorkingHours => "working hours",
        _ => Policy.DecisionText.State(Decision),
    };

    /// <summary>Create from the decision: off-hours wait for working hours; exemptions and working hours mean the next sweep; an invalid annotation means never.</summary>
    public static HeldDown Create(WorkloadRef workload, int? original, Instant? stoppedAt, PolicyDecision decision, Instant now) =>
        new(workload, original, stoppedAt, decision, ComesBackAt(decision, now));

    /// <summary>When a workload Tarnfui holds comes back under <paramref name="decision"/>: the next working-hours start, now (the next sweep), or null (never).</summary>
    public static Instant? ComesBackAt(PolicyDecision decision, Instant now) => decision switch
    {
        // Held for a person: only kubectl tarnfui restore brings it back.
        { ManualRestore: not null } and not PolicyDecision.Invalid => null,
        PolicyDecision.OffHours o => o.NextWorkingHours,
        PolicyDecision.Invalid => null,
        _ => now,
    };
}
