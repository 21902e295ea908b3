namespace Tarnfui.Core.Policy;

/// <summary>The workload kinds Tarnfui scales (apps/v1).</summary>
public enum WorkloadKind
{
    Deployment,
    StatefulSet,
}
