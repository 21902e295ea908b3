using Microsoft.Extensions.Options;
using Tarnfui.Sweeper.Configuration;

namespace Tarnfui.Sweeper.Hosting;

/// <summary>
/// Lets the sweeper write only while its last successful acquisition or renewal of the Lease is younger than
/// <c>Sweeper:RenewDeadline</c>, measured on a monotonic clock. Every workload PATCH and Event POST asks it first;
/// a closed fence throws <see cref="LeadershipLostException"/> instead of sending, counts the write in
/// <c>tarnfui_sweeper_fenced_writes_total{write}</c> and logs once until the next renewal. Always open when leader
/// election is off (<c>--once</c>, <c>Sweeper:LeaderElection=false</c>); with election on, closed until the first
/// acquisition, so a sweep run outside the worker's leadership writes nothing either.
/// </summary>
/// <remarks>
/// The elector finds out that it lost the Lease only when its own timers run. A process paused past the lease
/// duration (SIGSTOP, a frozen node, a long stall) resumes with its sweep half done and its elector still saying
/// "leader", and would write until the elector's next renewal attempt failed, while another instance holds the
/// Lease. The fence does not wait for the elector: it compares the age of the last renewal with the deadline at
/// each write.
/// <para>
/// The check is local and errs on the side of closing early, as client-go's leader election does (its
/// LeaderElectionConfig notes that it tolerates skew between nodes' clocks, not between their rates). The Lease's
/// <c>renewTime</c> is never read: another node's wall clock may have written it. A renewal is dated when its
/// request was sent, before the API server stored it; other candidates count the lease duration from when they
/// observe the change, later still. So the fence closes <c>RenewDeadline</c> after the send, and no other instance
/// can lead before <c>LeaseDuration</c> after it: the difference is the time a write that passed the fence has to
/// land. A write already sent when the fence closes is not recalled; it carries the resourceVersion (and count)
/// preconditions it was decided on, so it lands only on the object version this instance read, and fails with
/// 409/422 if the new leader wrote that object in the meantime. Resending it after a failure is a new write: the
/// API handler asks the fence again before each retry.
/// </para>
/// </remarks>
internal sealed class LeadershipFence
{
    /// <summary>Label values of <c>tarnfui_sweeper_fenced_writes_total{write}</c>: a fixed set.</summary>
    public const string Patch = "patch";

    public const string Event = "event";

    public const string Retry = "retry";

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Metrics _metrics;
    private readonly ILogger<LeadershipFence> _logger;
    private readonly bool _elected;
    private readonly TimeSpan _renewDeadline;
    private long? _renewedAt;
    private long? _lostAt;
    private bool _reported;

    /// <param name="options">Whether leader election is on, and its renew deadline.</param>
    /// <param name="time">The monotonic clock (<see cref="TimeProvider.GetTimestamp"/>); never the schedules' simulated clock.</param>
    /// <param name="metrics">Where fenced writes are counted.</param>
    /// <param name="logger">Where the first fenced write of each closed spell is logged.</param>
    public LeadershipFence(IOptions<SweeperOptions> options, TimeProvider time, Metrics metrics, ILogger<LeadershipFence> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _elected = o.LeaderElection && !o.Once;
        _renewDeadline = o.RenewDeadline;
    }

    /// <summary>Whether a write may be sent now.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return IsOpenNow(out _);
            }
        }
    }

    /// <summary>Now on the fence's monotonic clock: taken before a Lease write is sent, passed to <see cref="Renewed"/>.</summary>
    public long Timestamp() => _time.GetTimestamp();

    /// <summary>A Lease write taken at <paramref name="sentAt"/> (see <see cref="Timestamp"/>) succeeded with this instance as holder.</summary>
    public void Renewed(long sentAt)
    {
        lock (_lock)
        {
            // A renewal sent before leadership was given up does not reopen the fence: the elector has stopped
            // leading, and only its next acquisition may.
            if (sentAt <= _lostAt || sentAt <= _renewedAt)
            {
                return;
            }

            _renewedAt = sentAt;
            _reported = false;
        }
    }

    /// <summary>The elector stopped leading (or the worker is letting the Lease go): closed until the next acquisition.</summary>
    public void Lost()
    {
        lock (_lock)
        {
            _renewedAt = null;
            _lostAt = _time.GetTimestamp();
        }
    }

    /// <summary>
    /// Returns if <paramref name="write"/> (<see cref="Patch"/>, <see cref="Event"/> or <see cref="Retry"/>) may be
    /// sent; otherwise counts it, logs the first of a closed spell and throws <see cref="LeadershipLostException"/>,
    /// which ends the sweep rather than trying every remaining workload.
    /// </summary>
    public void ThrowIfClosed(string write)
    {
        TimeSpan? age;
        bool report;
        lock (_lock)
        {
            if (IsOpenNow(out age))
            {
                return;
            }

            report = !_reported;
            _reported = true;
        }

        _metrics.FencedWrites.WithLabels(write).Inc();
        if (report)
        {
            Log.WriteFenced(_logger, write, age is { } a ? $"{a.TotalSeconds:0.0}s ago" : "not since this instance last led", _renewDeadline.TotalSeconds);
        }

        throw new LeadershipLostException(
            $"A {write} write was held back: this instance has not renewed the sweeper Lease within {SweeperOptions.Section}:{nameof(SweeperOptions.RenewDeadline)} ({_renewDeadline.TotalSeconds}s), so another instance may lead.");
    }

    private bool IsOpenNow(out TimeSpan? age)
    {
        age = _renewedAt is { } at ? _time.GetElapsedTime(at) : null;
        return !_elected || age < _renewDeadline;
    }
}
