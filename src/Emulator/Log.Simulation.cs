namespace Tarnfui.Emulator;

// The simulation half of the sandbox (admission, controllers, faults, accounting, seeding) logs through this
// part of the project's Log class, with EventIds 4000-4999 so they never collide with the API's.
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Webhook {Webhook} denied {Operation} {Resource} {Namespace}/{Name}")]
    public static partial void WebhookDenied(ILogger logger, string webhook, string operation, string resource, string? @namespace, string? name);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Webhook {Webhook} failed and failurePolicy is Ignore, so the request goes on: {Error}")]
    public static partial void WebhookFailedIgnored(ILogger logger, string webhook, string error);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Webhook {Webhook} failed and failurePolicy is Fail, so the request is rejected: {Error}")]
    public static partial void WebhookFailedRejected(ILogger logger, string webhook, string error);

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Reconciling {Kind} {Namespace}/{Name} failed")]
    public static partial void ReconcileFailed(ILogger logger, string kind, string @namespace, string name, Exception exception);
}
