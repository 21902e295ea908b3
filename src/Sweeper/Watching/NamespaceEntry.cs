namespace Tarnfui.Sweeper.Watching;

/// <summary>What the view keeps of a namespace: its Tarnfui annotations, and the labels the <c>Policy</c> selectors name (null when none is set).</summary>
internal sealed record NamespaceEntry(IReadOnlyDictionary<string, string> Annotations, IReadOnlyDictionary<string, string>? Labels);
