using System.Text.Json;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Discovery;

/// <summary>
/// Aggregated discovery (<c>apidiscovery.k8s.io/v2</c> <c>APIGroupDiscoveryList</c>): <c>/api</c> and <c>/apis</c>
/// answer with every group, version and resource in one document when the Accept header asks for it, as kubectl
/// 1.30 and later and client-go do before falling back to one request per group/version. It lists what legacy
/// discovery lists, from the same registry: built-in kinds and the served versions of established
/// CustomResourceDefinitions, with their subresources.
/// </summary>
public static class AggregatedDiscovery
{
    /// <summary>The content type of the answer; client-go reads it to tell aggregated from legacy discovery.</summary>
    public const string ContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    /// <summary>
    /// True when the first alternative of the Accept header that the server can serve is the aggregated list: client-go
    /// offers v2, then v2beta1, then plain JSON; a client that offers plain JSON first gets legacy discovery.
    /// </summary>
    public static bool IsAsked(HttpRequest request)
    {
        foreach (var alternative in AcceptedJson.Alternatives(request))
        {
            if (alternative.As is null)
            {
                return false;
            }

            if (alternative is { As: "APIGroupDiscoveryList", Group: "apidiscovery.k8s.io", Version: "v2" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The list of the legacy core group (<c>/api</c>) or of the named groups (<c>/apis</c>).</summary>
    public static Task WriteAsync(HttpContext context, bool core)
    {
        var types = DiscoveryEndpoints.Types(context);
        var groupVersions = types.GroupVersions.Where(gv => (gv.Group.Length == 0) == core).GroupBy(gv => gv.Group);
        return DiscoveryEndpoints.WriteAsync(context, writer =>
        {
            writer.WriteString("kind", "APIGroupDiscoveryList");
            writer.WriteString("apiVersion", "apidiscovery.k8s.io/v2");
            writer.WriteStartObject("metadata");
            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var group in groupVersions)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("metadata");
                if (group.Key.Length > 0)
                {
                    writer.WriteString("name", group.Key);
                }

                writer.WriteEndObject();
                writer.WriteStartArray("versions");
                // The first version is the preferred one, as in legacy discovery's preferredVersion.
                foreach (var (name, version) in group)
                {
                    WriteVersion(writer, types.All.Where(t => t.Group == name && t.Version == version));
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }, ContentType);
    }

    private static void WriteVersion(Utf8JsonWriter writer, IEnumerable<ResourceType> types)
    {
        var resources = types.ToList();
        writer.WriteStartObject();
        writer.WriteString("version", resources[0].Version);
        writer.WriteStartArray("resources");
        foreach (var type in resources)
        {
            WriteResource(writer, type);
        }

        writer.WriteEndArray();
        writer.WriteString("freshness", "Current");
        writer.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter writer, ResourceType type)
    {
        writer.WriteStartObject();
        writer.WriteString("resource", type.Plural);
        WriteKind(writer, "responseKind", type.Group, type.Version, type.Kind);
        writer.WriteString("scope", type.Namespaced ? "Namespaced" : "Cluster");
        writer.WriteString("singularResource", type.Singular);
        DiscoveryEndpoints.WriteStrings(writer, "verbs", ResourceType.AllVerbs);
        if (type.ShortNames.Count > 0)
        {
            DiscoveryEndpoints.WriteStrings(writer, "shortNames", type.ShortNames);
        }

        if (type.Categories.Count > 0)
        {
            DiscoveryEndpoints.WriteStrings(writer, "categories", type.Categories);
        }

        if (type.Subresources.Count > 0)
        {
            writer.WriteStartArray("subresources");
            foreach (var subresource in type.Subresources)
            {
                var (kind, verbs) = DiscoveryEndpoints.SubresourceOf(type, subresource);
                writer.WriteStartObject();
                writer.WriteString("subresource", subresource);
                WriteKind(writer, "responseKind", kind.Group, kind.Version, kind.Kind);
                DiscoveryEndpoints.WriteStrings(writer, "verbs", verbs);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteKind(Utf8JsonWriter writer, string name, string group, string version, string kind)
    {
        writer.WriteStartObject(name);
        writer.WriteString("group", group);
        writer.WriteString("version", version);
        writer.WriteString("kind", kind);
        writer.WriteEndObject();
    }
}
