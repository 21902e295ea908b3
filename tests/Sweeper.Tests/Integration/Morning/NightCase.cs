using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>
/// One case of the morning property, made from its seed alone (<see cref="NightCaseGenerator"/>): namespaces and
/// workloads as created at noon, an optional workload of its own in <c>kube-system</c>, and what happens to them at
/// the night's steps. Cases share the sandbox, its night and its sweeps but nothing else, so a case replays the same
/// from its seed, alone or among others.
/// </summary>
public sealed record NightCase(int Seed, IReadOnlyList<NamespacePlan> Namespaces, int? KubeSystemReplicas, IReadOnlyList<NightAction> Actions)
{
    /// <summary>The night's steps: after the evening's stop, and each followed by a sweep, as the sweeper's interval would.</summary>
    public static readonly IReadOnlyList<Instant> Steps =
    [
        Instant.FromUtc(2026, 11, 23, 21, 0),
        Instant.FromUtc(2026, 11, 23, 22, 30),
        Instant.FromUtc(2026, 11, 24, 0, 0),
        Instant.FromUtc(2026, 11, 24, 1, 30),
        Instant.FromUtc(2026, 11, 24, 3, 0),
        Instant.FromUtc(2026, 11, 24, 4, 30),
        Instant.FromUtc(2026, 11, 24, 6, 0),
    ];

    public override string ToString() =>
        $"seed {Seed}: " + string.Join("; ", Namespaces.Select(n => n.ToString()))
        + (KubeSystemReplicas is { } ks ? $"; kube-system workload at {ks}" : "")
        + Environment.NewLine + string.Join(Environment.NewLine, Actions.Select(a => "    " + a));
}

/// <summary>A namespace of a case: its Tarnfui annotations at noon and its workloads.</summary>
public sealed record NamespacePlan(IReadOnlyDictionary<string, string> Annotations, IReadOnlyList<WorkloadPlan> Workloads)
{
    public override string ToString() =>
        $"ns{Annotated(Annotations)} [{string.Join(", ", Workloads.Select(w => w.ToString()))}]";

    internal static string Annotated(IReadOnlyDictionary<string, string> annotations) =>
        annotations.Count == 0 ? "" : " {" + string.Join(", ", annotations.Select(a => $"{a.Key}={a.Value}")) + "}";
}

/// <summary>
/// A workload of a case as created at noon; with <paramref name="Keda"/>, the target of a KEDA ScaledObject of the same
/// name, which Tarnfui pauses instead of stopping the workload.
/// </summary>
public sealed record WorkloadPlan(WorkloadKind Kind, string Name, int Replicas, IReadOnlyDictionary<string, string> Annotations, KedaPlan? Keda = null)
{
    public override string ToString() => $"{Kind} {Name} x{Replicas}{NamespacePlan.Annotated(Annotations)}{(Keda is null ? "" : $" {Keda}")}";
}

/// <summary>A workload's ScaledObject as created at noon: the <c>paused-replicas</c> a person set on it, if any.</summary>
public sealed record KedaPlan(string? PersonPaused)
{
    public override string ToString() => PersonPaused is null ? "(ScaledObject)" : $"(ScaledObject paused at {PersonPaused} by a person)";
}

/// <summary>Which workload of a case: namespace index, workload index.</summary>
public readonly record struct WorkloadAddress(int Namespace, int Workload)
{
    public override string ToString() => $"ns{Namespace}/w{Workload}";
}
