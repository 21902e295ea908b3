namespace Tarnfui.Core.Scope;

/// <summary>
/// Which namespaces Tarnfui acts in (section <c>Scope</c>; environment <c>TARNFUI_Scope__Namespaces__0</c>, …).
/// Validated at start with the schedule; <see cref="Policy.GlobalPolicy.Create(Policy.ScheduleOptions, ScopeOptions, Policy.PolicyOptions)"/> parses it.
/// </summary>
public sealed class ScopeOptions
{
    public const string Section = "Scope";

    /// <summary>
    /// The only namespaces acted in, by exact name; empty means every namespace. When set, the sweeper lists and
    /// watches each of them instead of the whole cluster, so it can run with Roles in these namespaces only.
    /// </summary>
    public IList<string> Namespaces { get; } = [];
}
