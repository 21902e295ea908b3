
namespace Tarnfui.Sweeper;

// The notification lines, in their own range of event ids. A target is shown by its name and its redacted URL only.
internal static partial class Log
{
    [LoggerMessage(80, LogLevel.Information, "Notification to {Target} ({Url}) delivered after {Attempts} attempt(s): {Description}")]
    public static partial void NotificationDelivered(ILogger logger, string target, string url, int attempts, string description);

    [LoggerMessage(81, LogLevel.Warning, "Notification to {Target} ({Url}) rejected, not retried: {Reason}. Lost: {Description}")]
    public static partial void NotificationRejected(ILogger logger, string target, string url, string reason, string description);

    [LoggerMessage(82, LogLevel.Warning, "Notification to {Target} ({Url}) failed after {Attempts} attempt(s), last: {Reason}. Lost: {Description}")]
    public static partial void NotificationExhausted(ILogger logger, string target, string url, int attempts, string reason, string description);

    [LoggerMessage(83, LogLevel.Warning, "Notification to {Target} dropped: its queue of {Capacity} is full. Lost: {Description}")]
    public static partial void NotificationDropped(ILogger logger, string target, int capacity, string description);

    [LoggerMessage(84, LogLevel.Debug, "Notification to {Target} ({Url}) attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    public static partial void NotificationRetrying(ILogger logger, string target, string url, int attempt, string reason, TimeSpan delay);
}
