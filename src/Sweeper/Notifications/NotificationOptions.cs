namespace Tarnfui.Sweeper.Notifications;

/// <summary>
/// Section <c>Notifications</c>: where the sweeper reports what a sweep stopped and restored
/// (<c>TARNFUI_Notifications__Targets__0__Url</c>, <c>--Notifications:Targets:0:Format=slack</c>). No target, no
/// notification: the feature is off by default. Durations use Go's syntax, as in the <c>Sweeper</c> section.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public List<NotificationTarget> Targets { get; set; } = [];

    /// <summary>Messages waiting per target; when full, the newest is dropped and counted, the sweep never waits.</summary>
    public int QueueCapacity { get; set; } = 32;

    /// <summary>Attempts per message for 5xx, 429, 408, timeouts and refused connections (1 = no retry).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Time one attempt may take, to the end of the response headers.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait before a retry; doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single wait, whatever Retry-After or the backoff say.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Workloads named in one message before "and N more".</summary>
    public int MaxListed { get; set; } = 20;
}
