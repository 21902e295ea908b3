namespace Tarnfui.Sweeper;

// The KEDA ScaledObject lines, in their own range of event ids.
internal static partial class Log
{
    [LoggerMessage(130, LogLevel.Information, "Paused ScaledObject {Namespace}/{Name} at {Replicas} replicas; its target {Target} had {TargetReplicas} (dry run: {DryRun})")]
    public static partial void ScaledObjectPaused(ILogger logger, string @namespace, string name, int replicas, string target, int targetReplicas, bool dryRun);

    [LoggerMessage(131, LogLevel.Information, "Unpaused ScaledObject {Namespace}/{Name} and set its target {Target} back to {TargetReplicas} replicas (dry run: {DryRun})")]
    public static partial void ScaledObjectUnpaused(ILogger logger, string @namespace, string name, string target, int targetReplicas, bool dryRun);

    [LoggerMessage(132, LogLevel.Information, "ScaledObject {Namespace}/{Name} had its pause changed to {Paused} while Tarnfui held it at {Held}; kept it and removed the record (dry run: {DryRun})")]
    public static partial void ScaledObjectForgotten(ILogger logger, string @namespace, string name, string paused, int held, bool dryRun);

    [LoggerMessage(133, LogLevel.Warning, "ScaledObject {Namespace}/{Name} is left alone: {Message}")]
    public static partial void ScaledObjectInvalid(ILogger logger, string @namespace, string name, string message);

    [LoggerMessage(134, LogLevel.Warning, "ScaledObject {Namespace}/{Name}: gave up after {Attempts} attempts, each failing its preconditions; the next sweep tries again")]
    public static partial void ScaledObjectGaveUp(ILogger logger, string @namespace, string name, int attempts);
}
