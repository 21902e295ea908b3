namespace Tarnfui.Emulator.Accounting;

/// <summary>
/// What a request is in Kubernetes terms, read from method, path and query the way kube-apiserver's
/// RequestInfoFactory reads it: verb (get, list, watch, create, update, patch, delete, deletecollection),
/// resource with subresource (<c>deployments/scale</c>), namespace and name. Paths outside
/// <c>/api</c> and <c>/apis/&lt;group&gt;/&lt;version&gt;</c> (discovery, openapi, version) are non-resource requests.
/// </summary>
public sealed record RequestInfo(string Verb, string Group, string Resource, string SubResource, string? Namespace, string? Name)
{
    /// <summary>The resource name Tarnfui reports in stats: <c>pods</c>, <c>deployments/scale</c>, or the path of a non-resource request.</summary>
    public string ResourceKey => SubResource.Length == 0 ? Resource : Resource + "/" + SubResource;

    /// <summary>True for create, update, patch and delete.</summary>
    public bool IsWrite => Verb is "create" or "update" or "patch" or "delete" or "deletecollection";

    public static RequestInfo From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Parse(request.Method, request.Path.Value ?? "/", request.Query["watch"].ToString());
    }

    public static RequestInfo Parse(string method, string path, string watchParameter)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var verb = method.ToUpperInvariant() switch
        {
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => "get",
        };
        int index;
        string group;
        if (parts.Length >= 2 && parts[0] == "api")
        {
            (group, index) = ("", 2);
        }
        else if (parts.Length >= 3 && parts[0] == "apis")
        {
            (group, index) = (parts[1], 3);
        }
        else
        {
            return new RequestInfo(verb, "", path, "", null, null);
        }

        var watchPrefix = index < parts.Length && parts[index] == "watch";
        if (watchPrefix)
        {
            index++;
        }

        string? ns = null;
        // "namespaces/x" is a namespace scope unless it is the last pair (then it names the Namespace object).
        if (index + 2 < parts.Length && parts[index] == "namespaces")
        {
            ns = parts[index + 1];
            index += 2;
        }

        if (index >= parts.Length)
        {
            return new RequestInfo(verb, group, path, "", null, null);
        }

        var resource = parts[index];
        var name = index + 1 < parts.Length ? parts[index + 1] : null;
        var subResource = index + 2 < parts.Length ? string.Join('/', parts[(index + 2)..]) : "";
        if (name is null)
        {
            verb = verb switch
            {
                "get" when watchPrefix || watchParameter is "true" or "1" => "watch",
                "get" => "list",
                "delete" => "deletecollection",
                _ => verb,
            };
        }
        else if (verb == "get" && (watchPrefix || watchParameter is "true" or "1"))
        {
            verb = "watch";
        }

        return new RequestInfo(verb, group, resource, subResource, ns, name);
    }
}
