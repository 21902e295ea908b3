namespace Tarnfui.Core.Scope;

/// <summary>
/// The labels the <c>Policy</c> selectors are tested against: the workload's and its namespace's. Null means not
/// known to the caller (a view that keeps only Tarnfui's labels, a namespace not in the cache): a selector is never
/// tested against labels that are not known, so unknown labels neither exclude a workload nor leave it out.
/// </summary>
public readonly record struct SelectorLabels(IReadOnlyDictionary<string, string>? Workload, IReadOnlyDictionary<string, string>? Namespace)
{
    /// <summary>Neither is known: only the namespace rules of the scope apply.</summary>
    public static SelectorLabels Unknown => default;
}
