namespace Tarnfui.Emulator.Store;

/// <summary>
/// A failure the API answers with a <c>kind: Status</c> body, carrying what kube-apiserver puts in it:
/// HTTP code, machine reason, message and details, worded as the real server words them so that kubectl
/// prints the same lines (<c>Error from server (NotFound): deployments.apps "x" not found</c>).
/// </summary>
public sealed class StatusException : Exception
{
    public StatusException(int code, string reason, string message, string? name = null, string? group = null, string? kind = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        DetailsName = name;
        DetailsGroup = group;
        DetailsKind = kind;
    }

    public StatusException()
        : this(500, "InternalError", "Internal error")
    {
    }

    public StatusException(string message)
        : this(500, "InternalError", message)
    {
    }

    public StatusException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    public int Code { get; }
    public string Reason { get; }
    public string? DetailsName { get; }
    public string? DetailsGroup { get; }
    public string? DetailsKind { get; }

    /// <summary>Seconds a client should wait before retrying (429/503), or null.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static StatusException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", name, NullIfEmpty(type.Group), type.Plural);

    public static StatusException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", name, NullIfEmpty(type.Group), type.Plural);

    public static StatusException Conflict(ResourceType type, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            name, NullIfEmpty(type.Group), type.Plural);

    public static StatusException Invalid(ResourceType type, string name, string field, string problem) =>
        new(422, "Invalid", $"{type.Kind}{(type.Group.Length == 0 ? "" : "." + type.Group)} \"{name}\" is invalid: {field}: {problem}",
            name, NullIfEmpty(type.Group), type.Kind);

    public static StatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static StatusException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static StatusException Gone(string message) => new(410, "Expired", message);

    public static StatusException Forbidden(string message) => new(403, "Forbidden", message);

    public static StatusException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json; got {contentType}");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
