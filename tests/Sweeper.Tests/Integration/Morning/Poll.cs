using System.Diagnostics;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>Polls a condition within <see cref="SweeperSandbox.Bound"/>: for caches fed by watches, which have no signal to await.</summary>
public static class Poll
{
    /// <param name="pending">What is still missing, or null once there is nothing.</param>
    /// <param name="timeoutMessage">The message for the last thing still missing at the bound.</param>
    public static async Task UntilAsync<T>(Func<Task<T?>> pending, Func<T, string> timeoutMessage)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(timeoutMessage);
        var started = Stopwatch.GetTimestamp();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (await pending() is { } missing)
        {
            if (Stopwatch.GetElapsedTime(started) > SweeperSandbox.Bound)
            {
                throw new TimeoutException(timeoutMessage(missing));
            }

            await tick.WaitForNextTickAsync();
        }
    }
}
