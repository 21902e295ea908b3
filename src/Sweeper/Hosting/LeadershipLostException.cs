namespace Tarnfui.Sweeper.Hosting;

/// <summary>
/// Thrown by <see cref="LeadershipFence"/> instead of sending a write: this instance cannot be sure it still holds the
/// sweeper Lease. It ends the sweep (the runner's per-workload guard lets it through); the worker waits for the next
/// tick, by which time the elector has either renewed the Lease or stopped leading.
/// </summary>
internal sealed class LeadershipLostException : Exception
{
    public LeadershipLostException()
    {
    }

    public LeadershipLostException(string message)
        : base(message)
    {
    }

    public LeadershipLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
