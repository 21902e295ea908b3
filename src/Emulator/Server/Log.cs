namespace Tarnfui.Emulator.Server;

internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Sandbox API server listening on {HttpsUrl} and {HttpUrl}, clock at {Now}")]
    public static partial void Started(ILogger logger, Uri httpsUrl, Uri httpUrl, NodaTime.Instant now);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Wrote kubeconfig for {User} to {Path}")]
    public static partial void WroteKubeconfig(ILogger logger, string user, string path);
}
