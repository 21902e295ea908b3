using k8s;
using NodaTime;
using Tarnfui.Cli.Cluster.Connection;

namespace Tarnfui.Cli.Dashboard.Model;

/// <summary>
/// The cluster's time for the dashboard: the <c>Date</c> of the API server's answer to <c>GET /version</c>
/// (<see cref="ServerTime"/>), read again every <see cref="DashboardOptions.ClockInterval"/> and advanced between two
/// reads at the rate the server's time was last seen to move (its advance between the last two reads over the local
/// monotonic time between them): a real cluster's time runs on, a frozen simulated clock (the emulator's at speed 0)
/// stands still, and one that jumps is followed within one interval.
/// An instant given with <c>--now</c> or <c>TARNFUI_NOW</c> wins and never moves. The local monotonic time comes from
/// <paramref name="local"/> (the system's by default) so that the rate's rules can be checked step by step.
/// </summary>
internal sealed class ClusterClock(IKubernetes client, IClock fallback, Instant? fixedNow, TimeProvider? local = null)
{
    private readonly TimeProvider _local = local ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private Instant _read;
    private long _readAt;

    // Server seconds per local second between the last two reads; 0 until two reads say otherwise.
    private double _rate;

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
                return _read + Duration.FromTimeSpan(_local.GetElapsedTime(_readAt) * _rate);
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
        var at = _local.GetTimestamp();
        lock (_lock)
        {
            if (_readAt != 0)
            {
                var local = _local.GetElapsedTime(_readAt, at).TotalSeconds;
                // A clock set back, or one read twice within its Date's one-second resolution, gives no rate to go on.
                _rate = local > 0 ? Math.Clamp((read - _read).TotalSeconds / local, 0, 1e6) : _rate;
            }

            _read = read;
            _readAt = at;
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
