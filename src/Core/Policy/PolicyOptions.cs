namespace Tarnfui.Core.Policy;

/// <summary>
/// What Tarnfui acts on and how annotations are read (section <c>Policy</c>; environment
/// <c>TARNFUI_Policy__ExcludeSelector</c>, <c>TARNFUI_Policy__KubeDownscalerAnnotations</c>, …). The selectors are in
/// Kubernetes label-selector syntax (<c>tier in (db),!canary</c>), each tested against a workload's labels and its
/// namespace's labels.
/// </summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>A workload is never stopped when it or its namespace matches; none by default.</summary>
    public string? ExcludeSelector { get; set; }

    /// <summary>When set, only a workload that matches, or whose namespace matches, is ever stopped; none by default.</summary>
    public string? IncludeSelector { get; set; }

    /// <summary>
    /// Also read kube-downscaler's <c>downscaler/*</c> annotations as their Tarnfui equivalents (a Tarnfui key wins in
    /// the same scope); for the switch-over described in docs/migrating.md. Off by default.
    /// </summary>
    public bool KubeDownscalerAnnotations { get; set; }
}
