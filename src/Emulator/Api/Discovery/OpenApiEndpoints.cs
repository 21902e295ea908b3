using System.Text.Json;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Discovery;

/// <summary>
/// OpenAPI v3 as far as kubectl needs it: the <c>/openapi/v3</c> index mapping <c>api/v1</c>, <c>apis/apps/v1</c>, …
/// to per-group documents whose POST/PUT/PATCH operations carry <c>x-kubernetes-group-version-kind</c> and the
/// <c>fieldValidation</c> parameter, so kubectl apply leaves validation to the server (<c>?fieldValidation=Strict</c>).
/// <c>/openapi/v2</c> is an outline (<see cref="OpenApiV2Document"/>), which kubectl 1.28 and older need to be there.
/// </summary>
public static class OpenApiEndpoints
{
    // Bump when the built-in documents change: clients cache them by this hash. A group/version's hash also covers
    // the shapes of its types, so that kubectl reads a CRD's document again once the CRD changes.
    private const string DocumentVersion = "tarnfui-sandbox-2";

    public static IEndpointRouteBuilder MapOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/openapi/v3", WriteIndexAsync);
        app.MapGet("/openapi/v3/api/{version}", (HttpContext context, string version) => WriteDocumentAsync(context, "", version));
        app.MapGet("/openapi/v3/apis/{group}/{version}", (HttpContext context, string group, string version) => WriteDocumentAsync(context, group, version));
        app.MapGet("/openapi/v2", OpenApiV2Document.WriteAsync);
        return app;
    }

    private static Task WriteIndexAsync(HttpContext context) => DiscoveryEndpoints.WriteAsync(context, writer =>
    {
        writer.WriteStartObject("paths");
        foreach (var (group, version) in DiscoveryEndpoints.Types(context).GroupVersions)
        {
            var path = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
            writer.WriteStartObject(path);
            writer.WriteString("serverRelativeURL", $"/openapi/v3/{path}?hash={DocumentHash(DiscoveryEndpoints.Types(context), group, version)}");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    });

    private static string DocumentHash(ResourceRegistry types, string group, string version)
    {
        var shapes = string.Join('\n', types.All.Where(t => t.Group == group && t.Version == version).Select(t => t.Shape));
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DocumentVersion + shapes));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }

    private static Task WriteDocumentAsync(HttpContext context, string group, string version)
    {
        var types = DiscoveryEndpoints.Types(context).All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            throw ResourceEndpoints.NotFound();
        }

        return DiscoveryEndpoints.WriteAsync(context, writer =>
        {
            writer.WriteString("openapi", "3.0.0");
            writer.WriteStartObject("info");
            writer.WriteString("title", "Kubernetes");
            writer.WriteString("version", DiscoveryEndpoints.GitVersion);
            writer.WriteEndObject();
            writer.WriteStartObject("paths");
            foreach (var type in types)
            {
                var prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
                var collection = type.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{type.Plural}" : $"{prefix}/{type.Plural}";
                WritePath(writer, collection, type, ["get", "post"]);
                WritePath(writer, collection + "/{name}", type, ["get", "put", "patch", "delete"]);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("components");
            writer.WriteStartObject("schemas");
            foreach (var type in types)
            {
                writer.WritePropertyName(OpenApiSchemas.NameOf(type));
                OpenApiSchemas.SchemaOf(type).WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static void WritePath(Utf8JsonWriter writer, string path, ResourceType type, string[] methods)
    {
        writer.WriteStartObject(path);
        foreach (var method in methods)
        {
            writer.WriteStartObject(method);
            writer.WriteString("operationId", $"{method}{type.Kind}");
            writer.WriteStartArray("parameters");
            if (method is "post" or "put" or "patch")
            {
                foreach (var parameter in (string[])["dryRun", "fieldManager", "fieldValidation"])
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", parameter);
                    writer.WriteString("in", "query");
                    writer.WriteStartObject("schema");
                    writer.WriteString("type", "string");
                    writer.WriteBoolean("uniqueItems", true);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteStartObject("responses");
            writer.WriteEndObject();
            writer.WriteString("x-kubernetes-action", method == "get" && !path.EndsWith("{name}", StringComparison.Ordinal) ? "list" : method);
            writer.WriteStartObject("x-kubernetes-group-version-kind");
            writer.WriteString("group", type.Group);
            writer.WriteString("kind", type.Kind);
            writer.WriteString("version", type.Version);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
