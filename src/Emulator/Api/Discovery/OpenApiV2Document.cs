using System.Text;

namespace Tarnfui.Emulator.Api.Discovery;

/// <summary>
/// <c>/openapi/v2</c> as an outline: the Swagger 2.0 header with no paths and no definitions. kubectl 1.28 and older
/// read it before every apply and explain (as protobuf, then <c>/swagger-2.0.0.pb-v1</c>) and give up on a 404; they use
/// it only to look up a kind's schema, and fall back to their compiled-in types (for a custom resource, to a JSON merge
/// patch) when it has none. Field validation is left to the server either way (<c>fieldValidation</c> in OpenAPI v3).
/// </summary>
public static class OpenApiV2Document
{
    /// <summary>
    /// The protobuf media type kube-apiserver answers with (k8s.io/kube-openapi, pkg/handler/handler.go), whether the
    /// <c>Accept</c> named it or its deprecated spelling with "@", which older clients send and Go cannot parse back.
    /// </summary>
    public const string ProtobufMediaType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private const string DeprecatedProtobufMediaType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    private const string Title = "Kubernetes";

    public static Task WriteAsync(HttpContext context)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Contains(ProtobufMediaType, StringComparison.OrdinalIgnoreCase) || accept.Contains(DeprecatedProtobufMediaType, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = ProtobufMediaType;
            return context.Response.Body.WriteAsync(Protobuf(), context.RequestAborted).AsTask();
        }

        return DiscoveryEndpoints.WriteAsync(context, writer =>
        {
            writer.WriteString("swagger", "2.0");
            writer.WriteStartObject("info");
            writer.WriteString("title", Title);
            writer.WriteString("version", DiscoveryEndpoints.GitVersion);
            writer.WriteEndObject();
            writer.WriteStartObject("paths");
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// The same document as gnostic's <c>openapi.v2.Document</c> (github.com/google/gnostic, openapiv2/OpenAPIv2.proto):
    /// swagger = 1, info = 2 (title = 1, version = 2), paths = 8 (empty).
    /// </summary>
    public static byte[] Protobuf()
    {
        var info = new MemoryStream();
        WriteField(info, 1, Encoding.UTF8.GetBytes(Title));
        WriteField(info, 2, Encoding.UTF8.GetBytes(DiscoveryEndpoints.GitVersion));

        var document = new MemoryStream();
        WriteField(document, 1, "2.0"u8.ToArray());
        WriteField(document, 2, info.ToArray());
        WriteField(document, 8, []);
        return document.ToArray();
    }

    // A length-delimited field (wire type 2): tag, length as a varint, bytes.
    private static void WriteField(MemoryStream stream, int number, byte[] value)
    {
        WriteVarint(stream, (ulong)((number << 3) | 2));
        WriteVarint(stream, (ulong)value.Length);
        stream.Write(value);
    }

    private static void WriteVarint(MemoryStream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }
}
