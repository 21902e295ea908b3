using Tarnfui.Kube;

namespace Tarnfui.Sweeper;

/// <summary>Every log line the sweeper writes, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Stopped {Kind} {Namespace}/{Name}: {From} -> {To} replicas")]
    public static partial void Stopped(ILogger logger, string kind, string @namespace, string name, int from, int to);

    [LoggerMessage(2, LogLevel.Information, "Restored {Kind} {Namespace}/{Name} to {Replicas} replicas ({Why})")]
    public static partial void Restored(ILogger logger, string kind, string @namespace, string name, int replicas, string why);

    [LoggerMessage(3, LogLevel.Information, "Restore of {Kind} {Namespace}/{Name} skipped: replicas were changed to {Replicas} while it was held at {HeldAt}; removed the stopped state only")]
    public static partial void RestoreSkipped(ILogger logger, string kind, string @namespace, string name, int replicas, int heldAt);

    [LoggerMessage(4, LogLevel.Warning, "Annotation of {Kind} {Namespace}/{Name} cannot be read. {Message}")]
    public static partial void InvalidAnnotation(ILogger logger, string kind, string @namespace, string name, string message);

    [LoggerMessage(5, LogLevel.Information, "Skipped {Kind} {Namespace}/{Name} in off-hours: an operator owns it")]
    public static partial void OperatorOwned(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(6, LogLevel.Information, "Sweep finished: {Stopped} stopped, {Restored} restored, {Skipped} restores skipped, {Invalid} invalid, {Pages} pod pages, {Workloads} running workloads, in {Milliseconds} ms")]
    public static partial void SweepFinished(ILogger logger, int stopped, int restored, int skipped, int invalid, int pages, int workloads, double milliseconds);

    [LoggerMessage(7, LogLevel.Error, "Sweep failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Gave up on {Kind} {Namespace}/{Name} for this sweep after {Attempts} precondition failures")]
    public static partial void GaveUp(ILogger logger, string kind, string @namespace, string name, int attempts);

    [LoggerMessage(9, LogLevel.Warning, "Could not act on {Kind} {Namespace}/{Name} this sweep")]
    public static partial void ActionFailed(ILogger logger, string kind, string @namespace, string name, Exception exception);

    [LoggerMessage(10, LogLevel.Debug, "Retrying {Verb} {Resource} after {Failure} (attempt {Attempt}) in {DelayMs} ms")]
    public static partial void RetryingAfterFailure(ILogger logger, string verb, string resource, string failure, int attempt, double delayMs);

    [LoggerMessage(11, LogLevel.Debug, "Retrying {Verb} {Resource} after HTTP {Code} (attempt {Attempt}) in {DelayMs} ms")]
    public static partial void RetryingAfterStatus(ILogger logger, string verb, string resource, int code, int attempt, double delayMs);

    [LoggerMessage(12, LogLevel.Information, "Would stop {Kind} {Namespace}/{Name}: {From} -> {To} replicas (dry run)")]
    public static partial void WouldStop(ILogger logger, string kind, string @namespace, string name, int from, int to);

    [LoggerMessage(13, LogLevel.Information, "Would restore {Kind} {Namespace}/{Name} to {Replicas} replicas (dry run)")]
    public static partial void WouldRestore(ILogger logger, string kind, string @namespace, string name, int replicas);

    [LoggerMessage(14, LogLevel.Information, "Would remove the stopped state of {Kind} {Namespace}/{Name}, replicas changed to {Replicas} (dry run)")]
    public static partial void WouldForget(ILogger logger, string kind, string @namespace, string name, int replicas);

    [LoggerMessage(15, LogLevel.Information, "Watch of {What} ended ({Reason}); {Next}")]
    public static partial void WatchEnded(ILogger logger, string what, string reason, string next);

    [LoggerMessage(16, LogLevel.Information, "Started leading as {Identity}")]
    public static partial void StartedLeading(ILogger logger, string identity);

    [LoggerMessage(17, LogLevel.Warning, "Stopped leading as {Identity}; work in progress is cancelled")]
    public static partial void StoppedLeading(ILogger logger, string identity);

    [LoggerMessage(18, LogLevel.Information, "New leader {Identity}")]
    public static partial void NewLeader(ILogger logger, string identity);

    [LoggerMessage(19, LogLevel.Information, "Released the Lease {Namespace}/{Name}")]
    public static partial void LeaseReleased(ILogger logger, string @namespace, string name);

    [LoggerMessage(20, LogLevel.Warning, "Could not release the Lease {Namespace}/{Name}")]
    public static partial void LeaseReleaseFailed(ILogger logger, string @namespace, string name, Exception exception);

    [LoggerMessage(21, LogLevel.Warning, "Could not record the {Reason} Event for {Kind} {Namespace}/{Name}")]
    public static partial void EventFailed(ILogger logger, string reason, string kind, string @namespace, string name, Exception exception);

    [LoggerMessage(22, LogLevel.Warning, "Leader election error")]
    public static partial void LeaderElectionError(ILogger logger, Exception exception);

    [LoggerMessage(23, LogLevel.Information, "Pod list continue token expired; walking the pods again from the start")]
    public static partial void ContinueExpired(ILogger logger);

    [LoggerMessage(24, LogLevel.Debug, "Stop of Deployment {Namespace}/{Name} planned from its ReplicaSet failed its tests ({Code}); reading the Deployment")]
    public static partial void FastPathFailed(ILogger logger, string @namespace, string name, int code);

    [LoggerMessage(25, LogLevel.Information, "Watch of {What} is not synced ({Why}); listing it again before the sweep")]
    public static partial void Relisting(ILogger logger, string what, string why);

    [LoggerMessage(26, LogLevel.Warning, "Held back a {Write} write: the sweeper Lease was last renewed {LastRenewal}, not within the renew deadline of {RenewDeadlineSeconds}s; another instance may lead, so the sweep stops and nothing is written until a renewal succeeds")]
    public static partial void WriteFenced(ILogger logger, string write, string lastRenewal, double renewDeadlineSeconds);

    [LoggerMessage(27, LogLevel.Information, "Suspended {Kind} {Namespace}/{Name} for off-hours")]
    public static partial void Suspended(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(28, LogLevel.Information, "Restored {Kind} {Namespace}/{Name} to suspend={Suspend} ({Why})")]
    public static partial void SuspendRestored(ILogger logger, string kind, string @namespace, string name, bool suspend, string why);

    [LoggerMessage(29, LogLevel.Information, "Restore of {Kind} {Namespace}/{Name} skipped: it was resumed while Tarnfui held it suspended; removed the stopped state only")]
    public static partial void SuspendRestoreSkipped(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(30, LogLevel.Information, "Would suspend {Kind} {Namespace}/{Name} (dry run)")]
    public static partial void WouldSuspend(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(31, LogLevel.Information, "Would restore {Kind} {Namespace}/{Name} to suspend={Suspend} (dry run)")]
    public static partial void WouldRestoreSuspend(ILogger logger, string kind, string @namespace, string name, bool suspend);

    [LoggerMessage(32, LogLevel.Information, "Would remove the stopped state of {Kind} {Namespace}/{Name}, resumed while stopped (dry run)")]
    public static partial void WouldForgetSuspend(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(33, LogLevel.Information, MachineTrustStore.SetAsideMessage)]
    public static partial void MachineTrustStoreSetAside(ILogger logger, string empty, string named);
}
