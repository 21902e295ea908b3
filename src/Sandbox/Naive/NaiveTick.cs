namespace Tarnfui.Sandbox.Naive;

/// <summary>What one naive tick found: the workloads it decided about and those it stopped or restored (or, read-only, would have).</summary>
public sealed record NaiveTick(int Listed, int Stops, int Restores)
{
    /// <summary>The writes the tick made, or would have made.</summary>
    public int Writes => Stops + Restores;
}
