namespace Tarnfui.Sweeper.Hosting;

/// <summary>This instance's name in the Lease and in Events' <c>reportingInstance</c>.</summary>
internal sealed record SweeperIdentity(string Name);
