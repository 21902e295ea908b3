namespace Tarnfui.Core.Watching;

/// <summary>Which object an item of a list or watch is: its namespace ("" for a cluster-scoped object) and its name.</summary>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    public static ObjectKey Of(string? @namespace, string name) => new(@namespace ?? "", name);
}
