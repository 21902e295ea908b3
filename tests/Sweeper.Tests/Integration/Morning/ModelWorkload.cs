using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>What Tarnfui keeps on a workload it holds down: the count to restore and the count it held it at.</summary>
public sealed record StopRecord(int Original, int Held);

/// <summary>A namespace of the model: its real name and its Tarnfui annotations now.</summary>
public sealed class ModelNamespace(string name, IReadOnlyDictionary<string, string> annotations)
{
    public string Name { get; } = name;

    public Dictionary<string, string> Annotations { get; } = new(annotations);
}

/// <summary>A workload of the model: its annotations, count and stop record now, and how it got there.</summary>
public sealed class ModelWorkload(WorkloadRef workload, ModelNamespace ns, WorkloadPlan plan)
{
    public WorkloadRef Ref { get; } = workload;

    public ModelNamespace Namespace { get; } = ns;

    public Dictionary<string, string> Annotations { get; } = new(plan.Annotations);

    public int Replicas { get; set; } = plan.Replicas;

    public StopRecord? Record { get; set; }

    /// <summary>Its KEDA ScaledObject, when KEDA scales it: then Tarnfui never stops it, it pauses the ScaledObject.</summary>
    public ModelScaledObject? ScaledObject { get; } = plan.Keda is { } keda ? new ModelScaledObject(keda.PersonPaused) : null;

    /// <summary>How often the model stopped (sweeper or webhook), restored, and kept a person's count instead.</summary>
    public (int Stops, int Restores, int PersonsKept) Counts { get; set; }

    /// <summary>What happened to it, in order: the oracle's side of a failure message.</summary>
    public List<string> Trace { get; } = [];
}
