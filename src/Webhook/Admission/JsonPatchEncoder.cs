using System.Buffers;
using System.Text.Json;

namespace Tarnfui.Webhook.Admission;

/// <summary>Writes <see cref="PatchOperation"/>s as an RFC 6902 document; the one place that knows JSON Pointer escaping.</summary>
public static class JsonPatchEncoder
{
    /// <summary>The UTF-8 JSON Patch document (<c>[{"op":"add","path":…,"value":…}]</c>).</summary>
    public static byte[] Encode(IReadOnlyList<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var operation in operations)
            {
                writer.WriteStartObject();
                writer.WriteString("op", "add");
                writer.WriteString("path", EscapePath(operation.Path));
                writer.WritePropertyName("value");
                WriteValue(writer, operation.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>RFC 6901: <c>~</c> becomes <c>~0</c> and <c>/</c> becomes <c>~1</c>, in that order, in every segment.</summary>
    public static string EscapePath(IReadOnlyList<string> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        return string.Concat(segments.Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
    }

    private static void WriteValue(Utf8JsonWriter writer, PatchValue value)
    {
        switch (value)
        {
            case PatchValue.Number number:
                writer.WriteNumberValue(number.Value);
                break;
            case PatchValue.Text text:
                writer.WriteStringValue(text.Value);
                break;
            case PatchValue.Map map:
                writer.WriteStartObject();
                foreach (var (key, entry) in map.Entries)
                {
                    writer.WriteString(key, entry);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value, "unknown patch value");
        }
    }
}
