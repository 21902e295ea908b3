using Tarnfui.Core.Policy;
using Tarnfui.Kube;

namespace Tarnfui.Webhook;

/// <summary>Every log line of the webhook, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Admission {Operation} {Resource} {Namespace}/{Name} by {User}: {Decision}")]
    public static partial void Decided(ILogger logger, string? operation, string resource, string? @namespace, string? name, string? user, string decision);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Patched {Operation} of {Workload} by {User}: {Message}")]
    public static partial void Patched(ILogger logger, string? operation, WorkloadRef workload, string? user, string message);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Refused {Operation} of {Resource} {Namespace}/{Name} by {User}: {Message}")]
    public static partial void Refused(ILogger logger, string? operation, string resource, string? @namespace, string? name, string? user, string message);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Deciding admission {Uid} failed; allowing the request")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string uid);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Reading {Workload} for a /scale admission failed; allowing the request")]
    public static partial void ParentReadFailed(ILogger logger, Exception exception, WorkloadRef workload);

    // Anyone who reaches the port can cause the next three: debug only; tarnfui_webhook_errors_total counts 7 and 8.
    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Rejected a body that is not an AdmissionReview: {Reason}")]
    public static partial void NotAnAdmissionReview(ILogger logger, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Refused a body with 413: {Reason}")]
    public static partial void BodyTooLarge(ILogger logger, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Refused a body of {Bytes} bytes with 429: {InFlight} of at most {Capacity} body bytes are being read")]
    public static partial void Busy(ILogger logger, long bytes, long inFlight, long capacity);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Serving certificate {Subject} (expires {NotAfter:O}) loaded from {Path}")]
    public static partial void CertificateLoaded(ILogger logger, string subject, DateTime notAfter, string path);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Loading the serving certificate from {Path} and {KeyPath} failed; still serving the previous one")]
    public static partial void CertificateLoadFailed(ILogger logger, Exception exception, string path, string keyPath);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Client CA bundle of {Count} certificates (the first {Subject}) loaded from {Path}")]
    public static partial void ClientCaLoaded(ILogger logger, int count, string subject, string path);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Loading the client CA bundle from {Path} failed; still trusting the previous one")]
    public static partial void ClientCaLoadFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 14, Level = LogLevel.Debug, Message = "Refused a TLS connection to the admission port: client certificate {Subject}, {Errors}")]
    public static partial void ClientCertificateRefused(ILogger logger, string subject, System.Net.Security.SslPolicyErrors errors);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = MachineTrustStore.SetAsideMessage)]
    public static partial void MachineTrustStoreSetAside(ILogger logger, string empty, string named);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Listed {Count} namespaces at resourceVersion {ResourceVersion}")]
    public static partial void NamespacesListed(ILogger logger, int count, string? resourceVersion);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Namespace watch at resourceVersion {ResourceVersion} expired; listing again")]
    public static partial void NamespaceWatchExpired(ILogger logger, string? resourceVersion);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Namespace list/watch failed; retrying in {Delay}")]
    public static partial void NamespaceWatchFailed(ILogger logger, Exception exception, TimeSpan delay);
}
