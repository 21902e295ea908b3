namespace Tarnfui.Core.Policy;

/// <summary>Why a workload is never stopped right now.</summary>
public enum ExemptionReason
{
    /// <summary>kube-system, kube-public, kube-node-lease or Tarnfui's own namespace: never, whatever the configuration says.</summary>
    NeverTouchedNamespace,

    /// <summary>Listed in <c>Schedule:ExcludedNamespaces</c>.</summary>
    ExcludedByConfiguration,

    /// <summary><c>tarnfui.io/exclude: "true"</c> on the workload or its namespace.</summary>
    ExcludeAnnotation,

    /// <summary><c>tarnfui.io/exclude-until</c> in the future, on the workload or its namespace.</summary>
    ExcludeUntil,

    /// <summary>The workload's own ownerReferences name a controller: an operator manages its replicas.</summary>
    OperatorOwned,
}
