namespace Tarnfui.Emulator.Api;

/// <summary>
/// One JSON alternative of an Accept header, with the <c>as</c>, <c>g</c> and <c>v</c> parameters kube-apiserver
/// negotiates on (<c>application/json;as=Table;g=meta.k8s.io;v=v1</c>). Parameters absent are null.
/// </summary>
public readonly record struct AcceptedJson(string? As, string? Group, string? Version)
{
    /// <summary>
    /// The JSON alternatives (<c>application/json</c>, <c>*/*</c> or an empty one) in the order the client offers them;
    /// kube-apiserver serves the first it can, so callers stop at their first match.
    /// </summary>
    public static IEnumerable<AcceptedJson> Alternatives(HttpRequest request)
    {
        foreach (var alternative in request.Headers.Accept.ToString().Split(','))
        {
            var parameters = alternative.Split(';').Select(p => p.Trim()).ToList();
            if (parameters[0] is not ("application/json" or "*/*" or ""))
            {
                continue;
            }

            yield return new AcceptedJson(Parameter(parameters, "as"), Parameter(parameters, "g"), Parameter(parameters, "v"));
        }
    }

    private static string? Parameter(List<string> parameters, string name) =>
        parameters.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim() == name)?[1].Trim();
}
