namespace Tarnfui.Sandbox.Admission;

// The sandbox-sim features log through this class; EventIds 4000-4099 are admission's.
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Webhook {Webhook} denied {Operation} {Resource} {Namespace}/{Name}")]
    public static partial void WebhookDenied(ILogger logger, string webhook, string operation, string resource, string? @namespace, string? name);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Webhook {Webhook} failed and failurePolicy is Ignore, so the request goes on: {Error}")]
    public static partial void WebhookFailedIgnored(ILogger logger, string webhook, string error);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Webhook {Webhook} failed and failurePolicy is Fail, so the request is rejected: {Error}")]
    public static partial void WebhookFailedRejected(ILogger logger, string webhook, string error);
}
