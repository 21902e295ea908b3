namespace Tarnfui.Core.Policy;

/// <summary>
/// How annotations are read (section <c>Policy</c>; environment <c>TARNFUI_Policy__KubeDownscalerAnnotations</c>, …).
/// </summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>
    /// Also read kube-downscaler's <c>downscaler/*</c> annotations as their Tarnfui equivalents (a Tarnfui key wins in
    /// the same scope); for the switch-over described in docs/migrating.md. Off by default.
    /// </summary>
    public bool KubeDownscalerAnnotations { get; set; }
}
