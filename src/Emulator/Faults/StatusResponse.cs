using System.Globalization;
using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Faults;

/// <summary>Writes <c>v1 Status</c> failures the way kube-apiserver words them, so clients react as they would to a real one.</summary>
public static class StatusResponse
{
    // kube-apiserver writes quotes in messages as \", not \u0022; clients that grep messages see the same text.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext context, FaultRule fault, RequestInfoView request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(request);
        var (code, reason, message) = fault.Kind switch
        {
            FaultKind.TooManyRequests => (429, "TooManyRequests", "Too many requests, please try again later."),
            FaultKind.InternalError => (500, "InternalError", "Internal error occurred: injected by the sandbox"),
            FaultKind.ServiceUnavailable => (503, "ServiceUnavailable", "the server is currently unable to handle the request"),
            FaultKind.GatewayTimeout => (504, "Timeout", "the server was unable to return a response in the time allotted, but may still be processing the request"),
            FaultKind.Forbidden => (403, "Forbidden", Denied(request)),
            FaultKind.Conflict => (409, "Conflict", $"Operation cannot be fulfilled on {request.QualifiedResource} \"{request.Name}\": the object has been modified; please apply your changes to the latest version and try again"),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, "not a status fault"),
        };
        var details = new JsonObject();
        if (request.Name is not null)
        {
            details["name"] = request.Name;
        }

        if (request.Group.Length > 0)
        {
            details["group"] = request.Group;
        }

        details["kind"] = request.Resource;
        if (code is 429 or 503 or 504)
        {
            details["retryAfterSeconds"] = fault.RetryAfterSeconds;
            context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["details"] = details,
            ["code"] = code,
        };
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(status.ToJsonString(Json), context.RequestAborted);
    }

    // The RBAC authorizer's reason, prefixed as kube-apiserver's forbidden() writes it.
    private static string Denied(RequestInfoView request)
    {
        var subject = request.Name is null ? request.QualifiedResource : $"{request.QualifiedResource} \"{request.Name}\"";
        var scope = request.Namespace is null ? "at the cluster scope" : $"in the namespace \"{request.Namespace}\"";
        return $"{subject} is forbidden: User \"{request.User}\" cannot {request.Verb} resource \"{request.Resource}\" in API group \"{request.Group}\" {scope}";
    }
}

/// <summary>The parts of a request a Status message names.</summary>
public sealed record RequestInfoView(string Group, string Resource, string? Name, string Verb = "get", string? Namespace = null, string User = "system:anonymous")
{
    /// <summary><c>deployments.apps</c>, or <c>pods</c> for the core group.</summary>
    public string QualifiedResource => Group.Length == 0 ? Resource : Resource + "." + Group;
}
