using NodaTime;

namespace Tarnfui.Core.Replicas;

/// <summary>The record Tarnfui keeps on a workload it stopped: the count to restore and when it stopped it.</summary>
public sealed record StoppedState(int OriginalReplicas, Instant? StoppedAt);
