namespace Tarnfui.Sweeper.Planning;

/// <summary>The controller an object's ownerReferences name (<c>controller: true</c>), with the object's namespace.</summary>
internal sealed record OwnerRef(string Kind, string Namespace, string Name, string Uid);
