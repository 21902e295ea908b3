namespace Tarnfui.Sweeper.Kube;

/// <summary>The verb and resource of a request to the Kubernetes API, as metrics and logs name them.</summary>
internal readonly record struct KubeRequest(string Verb, string Resource)
{
    /// <summary>
    /// Reads <c>/api/v1/namespaces/ns/pods</c>, <c>/apis/apps/v1/namespaces/ns/deployments/x/scale</c> and friends:
    /// the resource is the segment after the version (skipping <c>namespaces/&lt;ns&gt;</c>), plus a subresource.
    /// </summary>
    public static KubeRequest Of(HttpMethod method, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = segments.Length > 0 && segments[0] == "api" ? 2 : 3;
        var rest = segments.Skip(start).ToArray();
        if (rest.Length >= 3 && rest[0] == "namespaces")
        {
            rest = rest[2..];
        }

        var resource = rest.Length switch
        {
            0 => "unknown",
            >= 3 => rest[0] + "/" + rest[2],
            _ => rest[0],
        };
        var named = rest.Length >= 2;
        var watch = uri.Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase);
        var verb = method.Method switch
        {
            "GET" when watch => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => named ? "delete" : "deletecollection",
            var other => other.ToLowerInvariant(),
        };
        return new KubeRequest(verb, resource);
    }
}
