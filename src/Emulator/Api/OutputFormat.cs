namespace Tarnfui.Emulator.Api;

/// <summary>The representation a read asks for through its Accept header.</summary>
public enum OutputFormat
{
    /// <summary>The objects themselves.</summary>
    Full,

    /// <summary><c>as=PartialObjectMetadata[List];g=meta.k8s.io;v=v1</c>: apiVersion, kind and metadata only.</summary>
    Metadata,

    /// <summary><c>as=Table;g=meta.k8s.io;v=v1</c>: the server-side printing kubectl get uses.</summary>
    Table,
}

/// <summary>Reads the Accept header the way kube-apiserver negotiates: the first alternative it can serve wins.</summary>
public static class OutputFormats
{
    public static OutputFormat FromAccept(HttpRequest request)
    {
        foreach (var alternative in request.Headers.Accept.ToString().Split(','))
        {
            var parameters = alternative.Split(';').Select(p => p.Trim()).ToList();
            if (parameters[0] is not ("application/json" or "*/*" or ""))
            {
                continue;
            }

            var asKind = Parameter(parameters, "as");
            if (asKind is null)
            {
                return OutputFormat.Full;
            }

            if (Parameter(parameters, "g") != "meta.k8s.io" || Parameter(parameters, "v") != "v1")
            {
                continue; // e.g. v1beta1 alternatives: kubectl offers v1 first anyway.
            }

            switch (asKind)
            {
                case "PartialObjectMetadata" or "PartialObjectMetadataList":
                    return OutputFormat.Metadata;
                case "Table":
                    return OutputFormat.Table;
            }
        }

        return OutputFormat.Full;
    }

    private static string? Parameter(List<string> parameters, string name) =>
        parameters.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim() == name)?[1].Trim();
}
