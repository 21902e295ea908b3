using System.Globalization;
using System.Text.Json;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>
/// Writes API responses straight from the stored UTF-8 bytes: objects, lists (streamed with a Utf8JsonWriter over
/// the response pipe, flushed every ~64 KB, so a LIST of 100,000 objects never builds one big string) and Status
/// errors in kube-apiserver's exact shape.
/// </summary>
public static class ApiResponses
{
    private const string Json = "application/json";
    private const string MetaApiVersion = "meta.k8s.io/v1";
    private const int FlushThreshold = 64 * 1024;

    public static async Task WriteObjectAsync(HttpContext context, StoredObject obj, OutputFormat format, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = Json;
        if (format == OutputFormat.Full)
        {
            await context.Response.Body.WriteAsync(obj.Json, context.RequestAborted);
            return;
        }

        if (format == OutputFormat.Table)
        {
            await Tables.TableWriter.WriteAsync(context, obj.Type, [obj], null, null);
            return;
        }

        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, StoreJson.StreamingWriterOptions);
        WritePartialObjectMetadata(writer, obj);
        await writer.FlushAsync(context.RequestAborted);
    }

    public static async Task WriteListAsync(HttpContext context, ResourceType type, ListPage page, OutputFormat format)
    {
        if (format == OutputFormat.Table)
        {
            await Tables.TableWriter.WriteAsync(context, type, page.Items, page.ResourceVersion, page.Continue);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = Json;
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, StoreJson.StreamingWriterOptions);
        writer.WriteStartObject();
        writer.WriteString("kind", format == OutputFormat.Metadata ? "PartialObjectMetadataList" : type.ListKind);
        writer.WriteString("apiVersion", format == OutputFormat.Metadata ? MetaApiVersion : type.ApiVersion);
        WriteListMetadata(writer, page.ResourceVersion, page.Continue, page.RemainingItemCount);
        writer.WriteStartArray("items");
        foreach (var item in page.Items)
        {
            if (format == OutputFormat.Metadata)
            {
                WritePartialObjectMetadata(writer, item);
            }
            else
            {
                writer.WriteRawValue(item.Json.Span, skipInputValidation: true);
            }

            if (writer.BytesPending > FlushThreshold)
            {
                // Utf8JsonWriter over a PipeWriter only advances it: flushing the pipe is what sends the bytes and
                // applies back-pressure, so a 100 MB list never sits whole in memory.
                writer.Flush();
                await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    public static void WriteListMetadata(Utf8JsonWriter writer, long? resourceVersion, string? continueToken, long? remaining)
    {
        writer.WriteStartObject("metadata");
        if (resourceVersion is { } rv)
        {
            writer.WriteString("resourceVersion", rv.ToString(CultureInfo.InvariantCulture));
        }

        if (continueToken is not null)
        {
            writer.WriteString("continue", continueToken);
        }

        if (remaining is { } count)
        {
            writer.WriteNumber("remainingItemCount", count);
        }

        writer.WriteEndObject();
    }

    public static void WritePartialObjectMetadata(Utf8JsonWriter writer, StoredObject obj)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "PartialObjectMetadata");
        writer.WriteString("apiVersion", MetaApiVersion);
        writer.WritePropertyName("metadata");
        writer.WriteRawValue(obj.MetadataJson.Span, skipInputValidation: true);
        writer.WriteEndObject();
    }

    /// <summary>A failure as kube-apiserver writes it: <c>{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",...}</c>.</summary>
    public static async Task WriteStatusAsync(HttpContext context, StatusException error)
    {
        context.Response.StatusCode = error.Code;
        context.Response.ContentType = Json;
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, StoreJson.WriterOptions);
        WriteStatus(writer, error);
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>Writes a Status object (also used inside watch ERROR events).</summary>
    public static void WriteStatus(Utf8JsonWriter writer, StatusException error)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Status");
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartObject("metadata");
        writer.WriteEndObject();
        writer.WriteString("status", "Failure");
        writer.WriteString("message", error.Message);
        writer.WriteString("reason", error.Reason);
        if (error.DetailsName is not null || error.DetailsKind is not null || error.RetryAfterSeconds is not null)
        {
            writer.WriteStartObject("details");
            WriteIfPresent(writer, "name", error.DetailsName);
            WriteIfPresent(writer, "group", error.DetailsGroup);
            WriteIfPresent(writer, "kind", error.DetailsKind);
            if (error.RetryAfterSeconds is { } retryAfter)
            {
                writer.WriteNumber("retryAfterSeconds", retryAfter);
            }

            writer.WriteEndObject();
        }

        writer.WriteNumber("code", error.Code);
        writer.WriteEndObject();
    }

    /// <summary>The Status a successful DELETE answers with.</summary>
    public static async Task WriteDeletedAsync(HttpContext context, StoredObject deleted)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = Json;
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, StoreJson.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("kind", "Status");
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartObject("metadata");
        writer.WriteEndObject();
        writer.WriteString("status", "Success");
        writer.WriteStartObject("details");
        writer.WriteString("name", deleted.Name);
        WriteIfPresent(writer, "group", deleted.Type.Group.Length == 0 ? null : deleted.Type.Group);
        writer.WriteString("kind", deleted.Type.Plural);
        writer.WriteString("uid", deleted.Uid);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>Adds an admission or validation warning the way kube-apiserver does: <c>Warning: 299 - "text"</c>.</summary>
    public static void AddWarning(HttpResponse response, string warning) =>
        response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
