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
        foreach (var alternative in AcceptedJson.Alternatives(request))
        {
            if (alternative.As is null)
            {
                return OutputFormat.Full;
            }

            if (alternative.Group != "meta.k8s.io" || alternative.Version != "v1")
            {
                continue; // e.g. v1beta1 alternatives: kubectl offers v1 first anyway.
            }

            switch (alternative.As)
            {
                case "PartialObjectMetadata" or "PartialObjectMetadataList":
                    return OutputFormat.Metadata;
                case "Table":
                    return OutputFormat.Table;
            }
        }

        return OutputFormat.Full;
    }
}
