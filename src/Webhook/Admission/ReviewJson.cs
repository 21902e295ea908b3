using System.Text.Json;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The values of one JSON member, read as <see cref="AdmissionReviewReader"/> needs them: each reader starts on the
/// member's name, leaves the reader on the value's last token, and refuses a value of another JSON type with the
/// member's path. A JSON null is an absent value, as the serializer reads it into a nullable property.
/// </summary>
internal static class ReviewJson
{
    /// <summary>Moves to the next member's name of the object being read; false at its end.</summary>
    public static bool NextMember(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Moves to the value of the member, or throws unless it is an object (true) or null (false).</summary>
    public static bool StartObject(ref Utf8JsonReader reader, string at, string member) =>
        Start(ref reader, JsonTokenType.StartObject, at, member, "an object");

    public static string? String(ref Utf8JsonReader reader, string at, string member)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => Text(ref reader, at, member),
            JsonTokenType.Null => null,
            _ => throw Mismatch(ref reader, $"{at}.{member}", "a string"),
        };
    }

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
    public static Dictionary<string, string>? Map(ref Utf8JsonReader reader, string at, string member)
    {
        if (!StartObject(ref reader, at, member))
        {
            return null;
        }

        var map = new Dictionary<string, string>();
        while (NextMember(ref reader))
        {
            var key = Text(ref reader, at, member);
            reader.Read();
            map[key] = reader.TokenType switch
            {
                JsonTokenType.String => Text(ref reader, at, member),
                JsonTokenType.Null => null!,
                _ => throw Mismatch(ref reader, $"{at}.{member}[\"{key}\"]", "a string"),
            };
        }

        return map;
    }

    public static List<string>? Strings(ref Utf8JsonReader reader, string at, string member)
    {
        if (!StartArray(ref reader, at, member))
        {
            return null;
        }

        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType switch
            {
                JsonTokenType.String => Text(ref reader, at, member),
                JsonTokenType.Null => null!,
                _ => throw Mismatch(ref reader, $"{at}.{member}[{items.Count}]", "a string"),
            });
        }

        return items;
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
