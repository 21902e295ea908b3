namespace Tarnfui.Emulator;

internal static partial class Log
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "ScaledObject {Namespace}/{Name}: scaling its target to {Replicas} was refused ({Code})")]
    public static partial void KedaScaleRefused(ILogger logger, string @namespace, string name, int replicas, int code);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "A sync of the emulated KEDA operator failed")]
    public static partial void KedaSyncFailed(ILogger logger, Exception exception);
}
