namespace Tarnfui.Emulator.Store;

/// <summary>
/// What a CustomResourceDefinition adds to a served version: the CRD that owns it, its structural schema (JSON text,
/// so that two registrations compare by content) and the paths of its <c>scale</c> subresource, if declared.
/// </summary>
public sealed record CustomResourceInfo(string CrdName, string SchemaJson, bool Storage, ScalePaths? Scale);

/// <summary>
/// Where the <c>scale</c> subresource reads and writes replicas, as JSON paths like <c>.spec.replicas</c>
/// (CustomResourceSubresourceScale). <see cref="LabelSelector"/> points at a string selector; null leaves it empty.
/// </summary>
public sealed record ScalePaths(string SpecReplicas, string StatusReplicas, string? LabelSelector);
