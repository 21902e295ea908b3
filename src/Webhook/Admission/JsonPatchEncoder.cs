using System.Buffers;
using System.Text.Json;
using Tarnfui.Core.Replicas;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// Writes Core's neutral <see cref="PatchOperation"/>s as an RFC 6902 document, straight to UTF-8 (the admission
/// hot path); paths are escaped by Core's <see cref="JsonPointer"/>, as for the sweeper's patches.
/// </summary>
internal static class JsonPatchEncoder
{
    private const int MaxPathOnStack = 256;

    // Member names and operation names encoded once, not escaped and transcoded for every operation.
    private static readonly JsonEncodedText OpName = JsonEncodedText.Encode("op");
    private static readonly JsonEncodedText PathName = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText[] OpValues = [.. Enum.GetValues<PatchOperationKind>().Select(kind => JsonEncodedText.Encode(PatchOperation.Name(kind)))];

    // Utf8JsonWriter asks its buffer for 4 KB at a time: a fresh writer and buffer per admission cost more than
    // the rest of the encoding. One of each per thread, reset between documents, leaves nothing allocated but what a
    // caller copies out (Encode).
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The UTF-8 JSON Patch document (<c>[{"op":"add","path":…,"value":…}]</c>).</summary>
    public static byte[] Encode(IReadOnlyList<PatchOperation> operations) => EncodeInPlace(operations).ToArray();

    /// <summary>
    /// The document as <see cref="Encode"/> writes it, in this thread's buffer: read it before the thread encodes
    /// another. The answer writes it from there (<see cref="PatchDocument"/>), with no array of its own.
    /// </summary>
    public static ReadOnlySpan<byte> EncodeInPlace(IReadOnlyList<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        return PlainPatch.TryWrite(operations, buffer) ? buffer.WrittenSpan : EncodeWithWriter(operations, buffer);
    }

    /// <summary>The document through <see cref="Utf8JsonWriter"/>: every operation, whatever its strings hold.</summary>
    internal static ReadOnlySpan<byte> EncodeWithWriter(IReadOnlyList<PatchOperation> operations, ArrayBufferWriter<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(buffer);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, AnswerJson.WriterOptions);
        writer.Reset(buffer);
        writer.WriteStartArray();
        // Indexed, not enumerated: an enumerator taken through the interface is an allocation per document.
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            writer.WriteStartObject();
            writer.WriteString(OpName, OpValues[(int)operation.Kind]);
            WritePath(writer, operation.Path);
            if (operation.Kind != PatchOperationKind.Remove)
            {
                writer.WritePropertyName(ValueName);
                WriteValue(writer, operation.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.Flush();
        return buffer.WrittenSpan;
    }

    // A PatchPath's pointer as it keeps it; any other path escaped on the stack when short, as a string only when long.
    private static void WritePath(Utf8JsonWriter writer, IReadOnlyList<string> segments)
    {
        if (segments is PatchPath kept)
        {
            writer.WriteString(PathName, kept.Utf8Pointer);
            return;
        }

        var length = JsonPointer.LengthOf(segments);
        if (length > MaxPathOnStack)
        {
            writer.WriteString(PathName, JsonPointer.Of(segments));
            return;
        }

        Span<char> path = stackalloc char[MaxPathOnStack];
        JsonPointer.Write(segments, path);
        writer.WriteString(PathName, path[..length]);
    }

    private static void WriteValue(Utf8JsonWriter writer, PatchValue? value)
    {
        switch (value)
        {
            case null or PatchValue.Null:
                writer.WriteNullValue();
                break;
            case PatchValue.Number number:
                writer.WriteNumberValue(number.Value);
                break;
            case PatchValue.Flag flag:
                writer.WriteBooleanValue(flag.Value);
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
