using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Tables;

/// <summary>
/// Writes a <c>meta.k8s.io/v1 Table</c>: column definitions and one row per object, each row carrying the object
/// as <c>includeObject</c> asks (Metadata by default, as kube-apiserver does; kubectl reads the namespace from it).
/// </summary>
public static class TableWriter
{
    public static async Task WriteAsync(HttpContext context, ResourceType type, IReadOnlyList<StoredObject> items, long? resourceVersion, string? continueToken)
    {
        var now = context.RequestServices.GetRequiredService<IClock>().GetCurrentInstant();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, StoreJson.WriterOptions);
        Write(writer, type, items, now, context.Request.Query["includeObject"].ToString(), resourceVersion, continueToken);
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>Writes one Table value (also the object of a watch event when kubectl get --watch asks for tables).</summary>
    public static void Write(Utf8JsonWriter writer, ResourceType type, IReadOnlyList<StoredObject> items, Instant now, string includeObject,
        long? resourceVersion, string? continueToken)
    {
        var columns = TableColumns.For(type);
        writer.WriteStartObject();
        writer.WriteString("kind", "Table");
        writer.WriteString("apiVersion", "meta.k8s.io/v1");
        ApiResponses.WriteListMetadata(writer, resourceVersion, continueToken, null);
        writer.WriteStartArray("columnDefinitions");
        foreach (var column in columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("type", column.Type);
            writer.WriteString("format", column.Format);
            writer.WriteString("description", column.Name);
            writer.WriteNumber("priority", column.Priority);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        foreach (var item in items)
        {
            var obj = item.ToJsonObject();
            writer.WriteStartObject();
            writer.WriteStartArray("cells");
            foreach (var column in columns)
            {
                (column.Cell(obj, now) ?? JsonValue.Create("<none>")).WriteTo(writer);
            }

            writer.WriteEndArray();
            if (includeObject == "Object")
            {
                writer.WritePropertyName("object");
                writer.WriteRawValue(item.Json.Span, skipInputValidation: true);
            }
            else if (includeObject != "None")
            {
                writer.WritePropertyName("object");
                ApiResponses.WritePartialObjectMetadata(writer, item);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
