namespace Tarnfui.Sweeper;

// The HorizontalPodAutoscaler lines, in their own range of event ids.
internal static partial class Log
{
    [LoggerMessage(60, LogLevel.Information, "Bounded HorizontalPodAutoscaler {Namespace}/{Name} from {Bounds} to {Replicas}..{Replicas}, as its target {Target} is held (dry run: {DryRun})")]
    public static partial void AutoscalerBounded(ILogger logger, string @namespace, string name, string bounds, int replicas, string target, bool dryRun);

    [LoggerMessage(61, LogLevel.Information, "Restored HorizontalPodAutoscaler {Namespace}/{Name} to {Bounds} (dry run: {DryRun})")]
    public static partial void AutoscalerRestored(ILogger logger, string @namespace, string name, string bounds, bool dryRun);

    [LoggerMessage(62, LogLevel.Information, "HorizontalPodAutoscaler {Namespace}/{Name} was changed to {Bounds} while bounded at {Held}; kept it and removed the record (dry run: {DryRun})")]
    public static partial void AutoscalerKept(ILogger logger, string @namespace, string name, string bounds, int held, bool dryRun);

    [LoggerMessage(63, LogLevel.Warning, "HorizontalPodAutoscaler {Namespace}/{Name} left alone: {Message}")]
    public static partial void AutoscalerInvalid(ILogger logger, string @namespace, string name, string message);

    [LoggerMessage(64, LogLevel.Warning, "Gave up on HorizontalPodAutoscaler {Namespace}/{Name} after {Attempts} attempts whose tests failed; the next sweep tries again")]
    public static partial void AutoscalerGaveUp(ILogger logger, string @namespace, string name, int attempts);
}
