namespace Tarnfui.Core.Policy;

/// <summary>Why a workload is never stopped right now.</summary>
public enum ExemptionReason
{
    /// <summary>kube-system, kube-public, kube-node-lease or Tarnfui's own namespace: never, whatever the configuration says.</summary>
    NeverTouchedNamespace,

    /// <summary>Listed in <c>Schedule:ExcludedNamespaces</c>, by name or by a glob.</summary>
    ExcludedByConfiguration,

    /// <summary>Not listed in <c>Scope:Namespaces</c> (which is set).</summary>
    OutsideScope,

    /// <summary>The workload's or its namespace's labels match <c>Policy:ExcludeSelector</c>.</summary>
    ExcludedBySelector,

    /// <summary>Neither the workload's nor its namespace's labels match <c>Policy:IncludeSelector</c> (which is set).</summary>
    NotSelected,

    /// <summary><c>tarnfui.io/exclude: "true"</c> on the workload or its namespace.</summary>
    ExcludeAnnotation,

    /// <summary><c>tarnfui.io/exclude-until</c> in the future, on the workload or its namespace.</summary>
    ExcludeUntil,

    /// <summary>The workload's own ownerReferences name a controller: an operator manages its replicas.</summary>
    OperatorOwned,
}
