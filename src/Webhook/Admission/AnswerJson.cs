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
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // The writers are driven by generated or hand-written code that writes well-formed documents only.
        SkipValidation = true,
    };
}
