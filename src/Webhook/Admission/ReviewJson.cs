using System.Buffers;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Tarnfui.Core.Policy;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The values of one JSON member, read as <see cref="AdmissionReviewReader"/> needs them: each reader starts on the
/// member's name, leaves the reader on the value's last token, and refuses a value of another JSON type with the
/// member's path. A JSON null is an absent value, as the serializer reads it into a nullable property.
/// </summary>
internal static class ReviewJson
{
    // The longest name the readers look for ("ownerReferences") with every character escaped (\uXXXX, six bytes).
    private const int LongestEscapedName = 15 * 6;

    /// <summary>Moves to the next member's name of the object being read; false at its end.</summary>
    public static bool NextMember(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>
    /// The name of the member the reader is on, as UTF-8 to compare with <c>SequenceEqual</c>: its bytes as they stand,
    /// or unescaped when they carry an escape or cross segments. A name too long to be one the readers look for, or
    /// with an escape that is not valid UTF-16, is empty: it equals none of them, as <c>ValueTextEquals</c> finds.
    /// </summary>
    /// <remarks>
    /// Each reader compares a member's name with the names it looks for in turn; <c>ValueTextEquals</c> checks the
    /// token and its escaping at every comparison, where a span compares its length first.
    /// </remarks>
    public static ReadOnlySpan<byte> MemberName(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.HasValueSequence ? Unescaped(reader) : reader.ValueSpan;

    /// <summary>Moves to the value of the member, or throws unless it is an object (true) or null (false).</summary>
    public static bool StartObject(ref Utf8JsonReader reader, string at, string member) =>
        Start(ref reader, JsonTokenType.StartObject, at, member, "an object");

    public static string? String(ref Utf8JsonReader reader, string at, string member) => String(ref reader, at, member, null, null);

    /// <summary>A string that is most often one of <paramref name="known"/>, answered with the kept string when it is.</summary>
    public static string? String(ref Utf8JsonReader reader, string at, string member, KnownValues known) =>
        String(ref reader, at, member, known, null);

    /// <summary>
    /// A string that is most often <paramref name="likely"/> (an object's name, which the request gave already),
    /// answered with that string when it is.
    /// </summary>
    public static string? String(ref Utf8JsonReader reader, string at, string member, string? likely) =>
        String(ref reader, at, member, null, likely);

    public static int? Int32(ref Utf8JsonReader reader, string at, string member)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var value) => value,
            JsonTokenType.Null => null,
            _ => throw Mismatch(ref reader, $"{at}.{member}", "a 32-bit integer"),
        };
    }

    public static bool? Boolean(ref Utf8JsonReader reader, string at, string member)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw Mismatch(ref reader, $"{at}.{member}", "true or false"),
        };
    }

    /// <summary>
    /// An object of strings (labels, annotations). A key given twice keeps its last value, and a null value is kept
    /// as null for the decoder to refuse by name, as the serializer did.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Map(ref Utf8JsonReader reader, string at, string member)
    {
        if (!StartObject(ref reader, at, member))
        {
            return null;
        }

        var map = new CompactMap.Builder();
        while (NextMember(ref reader))
        {
            var key = Text(ref reader, at, member);
            reader.Read();
            map.Set(key, reader.TokenType switch
            {
                JsonTokenType.String => Text(ref reader, at, member),
                JsonTokenType.Null => null!,
                _ => throw Mismatch(ref reader, $"{at}.{member}[\"{key}\"]", "a string"),
            });
        }

        return map.ToMap();
    }

    /// <summary>
    /// An annotations map as <see cref="Map"/> reads it, keeping only the entries a decision or a patch reads
    /// (<see cref="DecisiveKeys"/>). Every other entry, a kubectl last-applied-configuration most of all, is checked to
    /// be a string of valid UTF-8 under a key of valid UTF-8, and not copied; a null value is kept, whatever its key,
    /// for the decoder to refuse by name. A map the object has stays a map, empty when none of its keys decides: the
    /// patch builders need to know that it exists.
    /// </summary>
    /// <remarks>A map without a decisive key (most objects' annotations) is one shared empty map, not a new one.</remarks>
    public static IReadOnlyDictionary<string, string>? DecisiveMap(ref Utf8JsonReader reader, string at, string member)
    {
        if (!StartObject(ref reader, at, member))
        {
            return null;
        }

        Dictionary<string, string>? map = null;
        while (NextMember(ref reader))
        {
            // A key as plain bytes is asked about as it is; an escaped one (or one across segments) is read first. A
            // key that decides is read (which checks its UTF-8); one that does not is only checked.
            var plain = !reader.ValueIsEscaped && !reader.HasValueSequence;
            var keyBytes = plain ? reader.ValueSpan : default;
            var key = plain ? null : Text(ref reader, at, member);
            var decisive = key is null ? DecisiveKeys.Is(keyBytes) : DecisiveKeys.Is(key);
            if (decisive)
            {
                key ??= Text(ref reader, at, member);
            }
            else if (plain)
            {
                RefuseUnlessUtf8(ref reader, at, member);
            }

            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String when decisive:
                    (map ??= [])[key!] = Text(ref reader, at, member);
                    break;
                case JsonTokenType.String:
                    RefuseUnlessUtf8(ref reader, at, member);
                    break;
                case JsonTokenType.Null:
                    (map ??= [])[key ?? Encoding.UTF8.GetString(keyBytes)] = null!;
                    break;
                default:
                    throw Mismatch(ref reader, $"{at}.{member}[\"{key ?? Encoding.UTF8.GetString(keyBytes)}\"]", "a string");
            }
        }

        return map ?? (IReadOnlyDictionary<string, string>)ReadOnlyDictionary<string, string>.Empty;
    }

    /// <summary>Moves to the value of the member, or throws unless it is an array (true) or null (false).</summary>
    public static bool StartArray(ref Utf8JsonReader reader, string at, string member) =>
        Start(ref reader, JsonTokenType.StartArray, at, member, "an array");

    /// <summary>The reason a member's value is refused: where it is, what was expected, what came.</summary>
    public static JsonException Mismatch(ref Utf8JsonReader reader, string path, string expected) =>
        new($"{path} must be {expected}, got {Token(reader.TokenType)} at byte {reader.TokenStartIndex}.", path, null, reader.TokenStartIndex);

    private static bool Start(ref Utf8JsonReader reader, JsonTokenType start, string at, string member, string expected)
    {
        reader.Read();
        if (reader.TokenType == start)
        {
            return true;
        }

        return reader.TokenType == JsonTokenType.Null ? false : throw Mismatch(ref reader, $"{at}.{member}", expected);
    }

    // A value as plain bytes is compared as it stands: equal to a string kept already, it is not decoded again. Any
    // other (escaped, across segments, or new) is decoded, which checks its UTF-8.
    private static string? String(ref Utf8JsonReader reader, string at, string member, KnownValues? known, string? likely)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (!reader.ValueIsEscaped && !reader.HasValueSequence)
                {
                    var utf8 = reader.ValueSpan;
                    if (likely is not null && Ascii.Equals(utf8, likely))
                    {
                        return likely;
                    }

                    if (known?.Find(utf8) is { } kept)
                    {
                        return kept;
                    }
                }

                return Text(ref reader, at, member);
            case JsonTokenType.Null:
                return null;
            default:
                throw Mismatch(ref reader, $"{at}.{member}", "a string");
        }
    }

    // The API server never escapes a member's name: the rare name that needs it is copied. The reader is taken by value,
    // so that nothing read here can change the caller's position.
    private static byte[] Unescaped(Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > LongestEscapedName)
        {
            return [];
        }

        var name = new byte[length];
        try
        {
            return name[..reader.CopyString(name)];
        }
        catch (InvalidOperationException)
        {
            return [];
        }
    }

    // A string the reader cannot turn into UTF-16 (invalid UTF-8) is malformed JSON, not a fault of the webhook.
    private static string Text(ref Utf8JsonReader reader, string at, string member)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"{at}.{member}: {e.Message}", $"{at}.{member}", null, reader.TokenStartIndex, e);
        }
    }

    // A key or value not read is still refused as malformed when it is not UTF-8, as reading it would have been. Its
    // escapes are ASCII, so the bytes as they stand tell.
    private static void RefuseUnlessUtf8(ref Utf8JsonReader reader, string at, string member)
    {
        var valid = reader.HasValueSequence ? Utf8.IsValid(reader.ValueSequence.ToArray()) : Utf8.IsValid(reader.ValueSpan);
        if (!valid)
        {
            throw new JsonException($"{at}.{member}: a key or value is not valid UTF-8.", $"{at}.{member}", null, reader.TokenStartIndex);
        }
    }

    private static string Token(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
