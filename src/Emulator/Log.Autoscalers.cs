namespace Tarnfui.Emulator;

// The emulated HPA controller's lines, in the simulation range (4000-4999).
internal static partial class Log
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "HorizontalPodAutoscaler {Namespace}/{Name}: scaling its target to {Replicas} was refused ({Code})")]
    public static partial void AutoscalerScaleRefused(ILogger logger, string @namespace, string name, int replicas, int code);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "A sync of the emulated HorizontalPodAutoscaler controller failed")]
    public static partial void AutoscalerSyncFailed(ILogger logger, Exception exception);
}
