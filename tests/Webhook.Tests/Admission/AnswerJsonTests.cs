using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// The answer's warnings written by <see cref="AnswerJson.WriteString"/>: byte for byte
/// what the writer with the answer's options writes, whatever the text holds.
/// </summary>
public class AnswerJsonTests
{
    public static TheoryData<string, string> Texts => new()
    {
        { "a warning as the webhook writes it", "tarnfui: deployment shop/api is stopped for off-hours (schedule \"Mon-Fri 07:00-19:00\"): 0 replicas now (or annotate tarnfui.io/exclude-until=<RFC3339>)" },
        { "nothing", string.Empty },
        { "only quotes and backslashes", "\"\\\"\\" },
        { "HTML-sensitive characters, left as they are", "<a href='x'>&+`</a>" },
        { "a control character", "line\nbreak\ttab\u0001" },
        { "delete", "a\u007fb" },
        { "outside ASCII", "Zürich — 東京 \"quoted\"" },
        { "a lone surrogate", "a\ud800b" },
        { "a pair of surrogates", "😀 \"x\"" },
        { "longer than the stack buffer", new string('"', 700) + new string('x', 700) },
    };

    [Theory, MemberData(nameof(Texts))]
    public void A_text_is_written_as_the_answers_writer_writes_it(string because, string text) =>
        Written(writer => AnswerJson.WriteString(writer, text)).ShouldBe(Written(writer => writer.WriteStringValue(text)), because);

    [Fact]
    public void Any_text_is_written_as_the_answers_writer_writes_it()
    {
        Gen.String[Gen.Char["\"\\ az~<>&'\u007f\n\u0001é\ud800\udc00"], 0, 300].Sample(text =>
            Written(writer => AnswerJson.WriteString(writer, text)).ShouldBe(Written(writer => writer.WriteStringValue(text))), iter: 5_000);
    }

    [Fact]
    public void An_answer_with_warnings_reads_back_as_it_was_and_writes_again_byte_for_byte()
    {
        var review = new AdmissionReview
        {
            ApiVersion = AdmissionReview.ApiVersionV1,
            Kind = AdmissionReview.KindName,
            Response = new AdmissionResponse
            {
                Uid = "1",
                Warnings = ["first \"one\"", "second, with é", string.Empty],
            },
        };
        var sent = JsonSerializer.SerializeToUtf8Bytes(review, AdmissionJsonContext.Default.AdmissionReview);

        var read = JsonSerializer.Deserialize(sent, AdmissionJsonContext.Default.AdmissionReview)!;

        read.Response!.Warnings.ShouldBe(review.Response.Warnings);
        JsonSerializer.SerializeToUtf8Bytes(read, AdmissionJsonContext.Default.AdmissionReview).ShouldBe(sent);
    }

    [Theory]
    [InlineData("""{"response":{"uid":"1","allowed":true,"warnings":"one"}}""")]
    [InlineData("""{"response":{"uid":"1","allowed":true,"warnings":[null]}}""")]
    [InlineData("""{"response":{"uid":"1","allowed":true,"warnings":[1]}}""")]
    public void Warnings_that_are_not_an_array_of_strings_are_refused_as_malformed(string body) =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(body), AdmissionJsonContext.Default.AdmissionReview));

    private static string Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, AnswerJson.WriterOptions))
        {
            writer.WriteStartArray();
            write(writer);
            write(writer);
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
