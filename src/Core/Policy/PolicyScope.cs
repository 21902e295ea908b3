namespace Tarnfui.Core.Policy;

/// <summary>Where a setting came from, most specific first.</summary>
public enum PolicyScope
{
    Workload,
    Namespace,
    Global,
}
