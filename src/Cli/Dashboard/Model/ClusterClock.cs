using System.Diagnostics;
using k8s;
using NodaTime;
using Tarnfui.Cli.Cluster.Connection;

namespace Tarnfui.Cli.Dashboard.Model;

/// <summary>
/// The cluster's time for the dashboard: the <c>Date</c> of the API server's answer to <c>GET /version</c>
/// (<see cref="ServerTime"/>), read again every <see cref="DashboardOptions.ClockInterval"/> and advanced between two
/// reads by the local monotonic clock, so a simulated clock that jumps (the emulator's) is followed within one interval.
/// An instant given with <c>--now</c> or <c>TARNFUI_NOW</c> wins and never moves.
/// </summary>
internal sealed class ClusterClock(IKubernetes client, IClock fallback, Instant? fixedNow)
{
    private readonly Lock _lock = new();
    private Instant _read;
    private long _readAt;

    public bool Fixed => fixedNow is not null;

    public Instant Now
    {
        get
        {
            if (fixedNow is { } at)
            {
                return at;
            }

            lock (_lock)
            {
                return _read + Duration.FromTimeSpan(Stopwatch.GetElapsedTime(_readAt));
            }
        }
    }

    /// <summary>Reads the server's time once.</summary>
    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        if (fixedNow is not null)
        {
            return;
        }

        var read = await ServerTime.ReadAsync(client, fallback, cancellationToken);
        lock (_lock)
        {
            _read = read;
            _readAt = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>
    /// Reads the time every <paramref name="interval"/> until cancelled, bumping <paramref name="feed"/> when the minute
    /// shown changes: every transition of a schedule falls on a minute, so crossing 19:00 always pushes.
    /// </summary>
    public async Task FollowAsync(TimeSpan interval, ChangeFeed feed, CancellationToken cancellationToken)
    {
        var shown = Minute(Now);
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await ReadAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The API server is unreachable or slow for a moment: the time keeps moving on the local clock until it answers.
            }

            var minute = Minute(Now);
            if (minute != shown)
            {
                shown = minute;
                feed.Bump();
            }
        }
    }

    private static long Minute(Instant at) => at.ToUnixTimeSeconds() / 60;
}
