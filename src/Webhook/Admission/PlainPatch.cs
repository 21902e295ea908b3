using System.Buffers;
using System.Globalization;
using System.Text;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// Writes a JSON Patch document byte by byte when none of its strings needs escaping, which is every document the
/// webhook writes for objects Kubernetes validated: paths and values made of printable ASCII without quotes or
/// backslashes (label and annotation keys, counts, timestamps, <c>"true"</c>). Such strings are written as they are by
/// <see cref="JsonPatchEncoder"/>'s writer too, so the bytes are the same; a document with any other string is left
/// to that writer.
/// </summary>
/// <remarks>
/// The writer checks every string for characters to escape, and every call (a member name, a value, a bracket) goes
/// through its state checks and its buffer's bounds: for the five operations of a stop record, that was most of the
/// cost of encoding the answer.
/// </remarks>
internal static class PlainPatch
{
    // Bytes and characters a JSON string holds as they are (UTF-8 and UTF-16 alike): printable ASCII but the quote and the backslash.
    private const string PlainCharacters =
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    private static readonly SearchValues<char> PlainChars = SearchValues.Create(PlainCharacters);
    private static readonly SearchValues<byte> PlainBytes = SearchValues.Create(Encoding.ASCII.GetBytes(PlainCharacters));

    private static readonly byte[][] OpPrefixes =
        [.. Enum.GetValues<PatchOperationKind>().Select(kind => Encoding.ASCII.GetBytes($"{{\"op\":\"{PatchOperation.Name(kind)}\",\"path\":\""))];

    // The most bytes an operation's punctuation and a count take, besides its strings.
    private const int OperationOverhead = 64;

    /// <summary>
    /// Writes the document into <paramref name="buffer"/>; false, with nothing written (the buffer advances only once
    /// the whole document is in it), when a string needs escaping.
    /// </summary>
    public static bool TryWrite(IReadOnlyList<PatchOperation> operations, ArrayBufferWriter<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(buffer);
        var bound = 2;
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i].Path is not PatchPath path || path.Utf8Pointer.ContainsAnyExcept(PlainBytes) || !TryBound(operations[i].Value, out var valueBound))
            {
                return false;
            }

            bound += OperationOverhead + path.Utf8Pointer.Length + valueBound;
        }

        var json = buffer.GetSpan(bound);
        var at = 0;
        json[at++] = (byte)'[';
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            if (i > 0)
            {
                json[at++] = (byte)',';
            }

            Copy(OpPrefixes[(int)operation.Kind], json, ref at);
            Copy(((PatchPath)operation.Path).Utf8Pointer, json, ref at);
            json[at++] = (byte)'"';
            if (operation.Kind != PatchOperationKind.Remove && !TryWriteValue(operation.Value, json, ref at))
            {
                return false;
            }

            json[at++] = (byte)'}';
        }

        json[at++] = (byte)']';
        buffer.Advance(at);
        return true;
    }

    // The most bytes a value takes written plain, when it is a kind written here.
    private static bool TryBound(PatchValue? value, out int bound)
    {
        bound = value switch
        {
            null or PatchValue.Null or PatchValue.Number or PatchValue.Flag => 0,
            PatchValue.Text text => text.Value?.Length ?? 0,
            PatchValue.Map map => MapBound(map.Entries),
            _ => -1,
        };
        return bound >= 0;
    }

    private static int MapBound(IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        var bound = 2;
        for (var i = 0; i < entries.Count; i++)
        {
            bound += entries[i].Key.Length + (entries[i].Value?.Length ?? 0) + 6;
        }

        return bound;
    }

    private static bool TryWriteValue(PatchValue? value, Span<byte> json, ref int at)
    {
        Copy(",\"value\":"u8, json, ref at);
        switch (value)
        {
            case null or PatchValue.Null:
                Copy("null"u8, json, ref at);
                return true;
            case PatchValue.Number number:
                number.Value.TryFormat(json[at..], out var digits, provider: CultureInfo.InvariantCulture);
                at += digits;
                return true;
            case PatchValue.Flag flag:
                Copy(flag.Value ? "true"u8 : "false"u8, json, ref at);
                return true;
            case PatchValue.Text text:
                return TryWriteString(text.Value, json, ref at);
            case PatchValue.Map map:
                json[at++] = (byte)'{';
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    var (key, entry) = map.Entries[i];
                    if (i > 0)
                    {
                        json[at++] = (byte)',';
                    }

                    if (!TryWriteString(key, json, ref at))
                    {
                        return false;
                    }

                    json[at++] = (byte)':';
                    if (!TryWriteString(entry, json, ref at))
                    {
                        return false;
                    }
                }

                json[at++] = (byte)'}';
                return true;
            default:
                return false;
        }
    }

    // A null (which no stop record holds) is the writer's to write.
    private static bool TryWriteString(string? value, Span<byte> json, ref int at)
    {
        if (value is null || value.AsSpan().ContainsAnyExcept(PlainChars))
        {
            return false;
        }

        json[at++] = (byte)'"';
        at += Encoding.ASCII.GetBytes(value, json[at..]);
        json[at++] = (byte)'"';
        return true;
    }

    private static void Copy(ReadOnlySpan<byte> bytes, Span<byte> json, ref int at)
    {
        bytes.CopyTo(json[at..]);
        at += bytes.Length;
    }
}
