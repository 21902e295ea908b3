namespace Tarnfui.Core.Watching;

/// <summary>
/// How long to wait before the next try after <c>n</c> failures in a row: doubling from <paramref name="first"/>, capped at
/// <paramref name="max"/>, a random point in the upper half of that (jitter), so that clients failing together do not
/// come back together. The random source and the wait are injectable, for a deterministic schedule in tests.
/// </summary>
public sealed class Backoff(TimeSpan first, TimeSpan max, Func<double>? jitter = null, Func<TimeSpan, CancellationToken, Task>? wait = null)
{
    private readonly Func<double> _jitter = jitter ?? Random.Shared.NextDouble;
    private readonly Func<TimeSpan, CancellationToken, Task> _wait = wait ?? Task.Delay;

    public TimeSpan Delay(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var ceiling = Math.Min(max.Ticks, first.Ticks * Math.Pow(2, Math.Min(failures - 1, 62)));
        return TimeSpan.FromTicks((long)((ceiling / 2) + (_jitter() * ceiling / 2)));
    }

    public Task WaitAsync(int failures, CancellationToken cancellationToken) => _wait(Delay(failures), cancellationToken);
}
