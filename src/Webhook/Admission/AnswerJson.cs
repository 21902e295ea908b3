using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// How the webhook writes the JSON it sends the API server (the review's answer and the patch inside it): strings are
/// escaped only where JSON requires it (quote, backslash, control characters).
/// </summary>
/// <remarks>
/// The default encoder also escapes what would matter were the JSON put in a web page (<c>&lt; &gt; &amp; ' + `</c>
/// and everything outside ASCII), which sends a warning's quotes and <c>&lt;RFC3339&gt;</c> as six-byte escapes through
/// its slow path. The API server reads the answer with a JSON decoder and nothing else; it hands the warnings to
/// the client as text, so the two writings reach kubectl the same.
/// </remarks>
internal static class AnswerJson
{
    // Up to this many bytes, a string is escaped on the stack.
    private const int StackBytes = 1024;

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // The writers are driven by generated or hand-written code that writes well-formed documents only.
        SkipValidation = true,
    };

    /// <summary>
    /// Writes <paramref name="value"/> as a JSON string, byte for byte as a writer with <see cref="WriterOptions"/>
    /// writes it.
    /// </summary>
    /// <remarks>
    /// A message holds quotes (around a schedule), and the writer escapes everything from a string's first character to
    /// escape onwards one character at a time, then converts it to UTF-8 in a second pass. A string of printable ASCII,
    /// which every message is unless a name or an annotation brings in something else, needs only its quotes and
    /// backslashes escaped: that is done here with searches over the whole string, and the rest is copied across as
    /// bytes. Anything else goes through the writer.
    /// </remarks>
    public static void WriteString(Utf8JsonWriter writer, string value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var text = value.AsSpan();
        if (!IsPlain(text))
        {
            writer.WriteStringValue(value);
            return;
        }

        var length = text.Length + text.Count('"') + text.Count('\\') + 2;
        byte[]? rented = null;
        var json = length <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var written = WritePlain(text, json);
        writer.WriteRawValue(json[..written], skipInputValidation: true);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Whether <paramref name="text"/> is printable ASCII, which <see cref="WritePlain"/> writes.</summary>
    public static bool IsPlain(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange(' ', '~');

    /// <summary>
    /// Writes <paramref name="text"/>, printable ASCII only, as a JSON string into <paramref name="json"/>, which has room
    /// for it escaped and quoted: a backslash before each quote and backslash, every other character as its byte.
    /// Returns the bytes written. <see cref="WriteString"/> and <see cref="PlainAnswer"/> write their strings with it.
    /// </summary>
    // Inlined into its callers: written out of line, the call and the slices around it made the answer's encoding
    // measurably slower (AdmissionBenchmarks' Encode).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WritePlain(ReadOnlySpan<char> text, Span<byte> json)
    {
        json[0] = (byte)'"';
        var written = 1;
        while (true)
        {
            var next = text.IndexOfAny('"', '\\');
            written += Encoding.ASCII.GetBytes(next < 0 ? text : text[..next], json[written..]);
            if (next < 0)
            {
                break;
            }

            json[written++] = (byte)'\\';
            json[written++] = (byte)text[next];
            text = text[(next + 1)..];
        }

        json[written++] = (byte)'"';
        return written;
    }
}
