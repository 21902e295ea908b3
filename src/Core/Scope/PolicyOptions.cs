namespace Tarnfui.Core.Scope;

/// <summary>
/// Label selectors that narrow what Tarnfui acts on (section <c>Policy</c>; environment
/// <c>TARNFUI_Policy__ExcludeSelector</c>, …), in Kubernetes label-selector syntax (<c>tier in (db),!canary</c>).
/// Each is tested against a workload's labels and its namespace's labels.
/// </summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>A workload is never stopped when it or its namespace matches; none by default.</summary>
    public string? ExcludeSelector { get; set; }

    /// <summary>When set, only a workload that matches, or whose namespace matches, is ever stopped; none by default.</summary>
    public string? IncludeSelector { get; set; }
}
