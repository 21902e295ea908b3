namespace Tarnfui.Sweeper.Hosting;

/// <summary>This instance's name in the Lease and in Events' <c>reportingInstance</c>.</summary>
public sealed record SweeperIdentity(string Name);
