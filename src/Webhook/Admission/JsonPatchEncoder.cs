using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tarnfui.Webhook.Admission;

/// <summary>Writes <see cref="PatchOperation"/>s as an RFC 6902 document; the one place that knows JSON Pointer escaping.</summary>
public static class JsonPatchEncoder
{
    // Utf8JsonWriter asks its buffer for 4 KB at a time: a fresh writer and buffer per admission cost more than
    // the rest of the encoding. One of each per thread, reset between documents, leaves only the result allocated.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The UTF-8 JSON Patch document (<c>[{"op":"add","path":…,"value":…}]</c>).</summary>
    public static byte[] Encode(IReadOnlyList<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
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
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>RFC 6901: <c>~</c> becomes <c>~0</c> and <c>/</c> becomes <c>~1</c>, in that order, in every segment.</summary>
    public static string EscapePath(IReadOnlyList<string> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var path = new StringBuilder(64);
        foreach (var segment in segments)
        {
            path.Append('/');
            foreach (var c in segment)
            {
                _ = c switch
                {
                    '~' => path.Append("~0"),
                    '/' => path.Append("~1"),
                    _ => path.Append(c),
                };
            }
        }

        return path.ToString();
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
