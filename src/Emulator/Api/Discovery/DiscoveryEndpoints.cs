using System.Text.Json;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Discovery;

/// <summary>
/// What kubectl and KubernetesClient read before anything else: <c>/version</c> (1.32, so the kubectl dispatcher
/// runs kubectl 1.32), legacy discovery (<c>/api</c> APIVersions, <c>/apis</c> APIGroupList, per group/version
/// APIResourceList with verbs, short names, categories and subresources), aggregated discovery at <c>/api</c> and
/// <c>/apis</c> when the Accept header asks for it (<see cref="AggregatedDiscovery"/>), and the health probes.
/// </summary>
public static class DiscoveryEndpoints
{
    /// <summary>The Kubernetes version the sandbox reports.</summary>
    public const string GitVersion = "v1.32.3";

    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];

    public static IEndpointRouteBuilder MapDiscovery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/version", WriteVersionAsync);
        app.MapGet("/api", WriteApiVersionsAsync);
        app.MapGet("/apis", WriteGroupListAsync);
        foreach (var probe in (string[])["/healthz", "/readyz", "/livez"])
        {
            app.MapGet(probe, () => Results.Text("ok"));
        }

        return app;
    }

    private static Task WriteVersionAsync(HttpContext context) => WriteAsync(context, writer =>
    {
        writer.WriteString("major", "1");
        writer.WriteString("minor", "32");
        writer.WriteString("gitVersion", GitVersion);
        writer.WriteString("gitCommit", "0000000000000000000000000000000000000000");
        writer.WriteString("gitTreeState", "clean");
        writer.WriteString("buildDate", "2026-01-01T00:00:00Z");
        writer.WriteString("goVersion", "go1.23.6");
        writer.WriteString("compiler", "gc");
        writer.WriteString("platform", "linux/amd64");
    });

    private static Task WriteApiVersionsAsync(HttpContext context) => AggregatedDiscovery.IsAsked(context.Request)
        ? AggregatedDiscovery.WriteAsync(context, core: true)
        : WriteAsync(context, writer =>
    {
        writer.WriteString("kind", "APIVersions");
        writer.WriteStartArray("versions");
        writer.WriteStringValue("v1");
        writer.WriteEndArray();
        writer.WriteStartArray("serverAddressByClientCIDRs");
        writer.WriteStartObject();
        writer.WriteString("clientCIDR", "0.0.0.0/0");
        writer.WriteString("serverAddress", context.Request.Host.Value);
        writer.WriteEndObject();
        writer.WriteEndArray();
    });

    private static Task WriteGroupListAsync(HttpContext context) => AggregatedDiscovery.IsAsked(context.Request)
        ? AggregatedDiscovery.WriteAsync(context, core: false)
        : WriteAsync(context, writer =>
    {
        writer.WriteString("kind", "APIGroupList");
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartArray("groups");
        foreach (var group in Types(context).GroupVersions.Where(gv => gv.Group.Length > 0).GroupBy(gv => gv.Group))
        {
            writer.WriteStartObject();
            writer.WriteString("name", group.Key);
            writer.WriteStartArray("versions");
            foreach (var (name, version) in group)
            {
                WriteGroupVersion(writer, name, version);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("preferredVersion");
            WriteGroupVersion(writer, group.Key, group.First().Version);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <summary>The APIResourceList of <c>/api/v1</c> or <c>/apis/{group}/{version}</c>; 404 for a group/version not served.</summary>
    public static Task WriteResourceListAsync(HttpContext context, string group, string version)
    {
        var types = Types(context).All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            throw ResourceEndpoints.NotFound();
        }

        return WriteAsync(context, writer =>
        {
            writer.WriteString("kind", "APIResourceList");
            writer.WriteString("apiVersion", "v1");
            writer.WriteString("groupVersion", types[0].ApiVersion);
            writer.WriteStartArray("resources");
            foreach (var type in types)
            {
                WriteResource(writer, type.Plural, type.Singular, type, type.Kind, null, null, ResourceType.AllVerbs, type.ShortNames, type.Categories);
                foreach (var subresource in type.Subresources)
                {
                    var (kind, verbs) = SubresourceOf(type, subresource);
                    var (subGroup, subVersion) = subresource == "scale" ? (kind.Group, kind.Version) : ((string?)null, (string?)null);
                    WriteResource(writer, $"{type.Plural}/{subresource}", "", type, kind.Kind, subGroup, subVersion, verbs, [], []);
                }
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>What a subresource answers with (a Scale is <c>autoscaling/v1</c>, the others the object's kind) and its verbs.</summary>
    internal static (Admission.GroupVersionKind Kind, IReadOnlyList<string> Verbs) SubresourceOf(ResourceType type, string subresource) =>
        (subresource == "scale" ? new("autoscaling", "v1", "Scale") : new(type.Group, type.Version, type.Kind),
            subresource == "finalize" ? ["update"] : SubresourceVerbs);

    private static void WriteResource(Utf8JsonWriter writer, string name, string singular, ResourceType type, string kind,
        string? group, string? version, IReadOnlyList<string> verbs, IReadOnlyList<string> shortNames, IReadOnlyList<string> categories)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("singularName", singular);
        writer.WriteBoolean("namespaced", type.Namespaced);
        if (group is not null)
        {
            writer.WriteString("group", group);
            writer.WriteString("version", version);
        }

        writer.WriteString("kind", kind);
        WriteStrings(writer, "verbs", verbs);
        if (shortNames.Count > 0)
        {
            WriteStrings(writer, "shortNames", shortNames);
        }

        if (categories.Count > 0)
        {
            WriteStrings(writer, "categories", categories);
        }

        writer.WriteEndObject();
    }

    private static void WriteGroupVersion(Utf8JsonWriter writer, string group, string version)
    {
        writer.WriteStartObject();
        writer.WriteString("groupVersion", $"{group}/{version}");
        writer.WriteString("version", version);
        writer.WriteEndObject();
    }

    internal static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    internal static ResourceRegistry Types(HttpContext context) => context.RequestServices.GetRequiredService<ObjectStore>().Types;

    internal static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> body, string contentType = "application/json")
    {
        context.Response.ContentType = contentType;
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, StoreJson.WriterOptions);
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
