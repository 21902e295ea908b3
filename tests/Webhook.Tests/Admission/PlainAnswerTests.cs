using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Tarnfui.Core.StopRecord;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// The answer written by hand: only when every string in it is printable ASCII, and then byte for byte what the
/// generated serializer writes with the answer's options; otherwise nothing, for the serializer to write.
/// </summary>
public class PlainAnswerTests
{
    // Plain characters, the two JSON escapes, HTML-sensitive ones, a control character, DEL, non-ASCII and a surrogate pair.
    private const string Characters = "az09/~.-_ :<>&'+\"\\\n\u007fé\ud83d\ude00";

    private const string Uid = "705ab4f5-6393-11e8-b7cc-42010a800002";

    private static readonly Dictionary<string, (AdmissionReview Review, bool Plain)> Cases = new()
    {
        ["allowed, nothing else"] = (AdmissionResponses.Encode(Uid, AdmissionDecision.Allow), true),
        ["allowed with warnings holding quotes and backslashes"] = (Answer(new AdmissionResponse { Uid = Uid, Allowed = true, Warnings = ["schedule \"Mon-Fri\"", "C:\\ <RFC3339> & 'x'"] }), true),
        ["the stop record with its warning"] = (AdmissionResponses.Encode(Uid, new AdmissionDecision.Patched(StopRecord(), ["tarnfui: deployment shop/api is stopped (\"Mon-Fri 07:00-19:00\")"])), true),
        ["refused with a status"] = (AdmissionResponses.Encode(Uid, new AdmissionDecision.Denied("tarnfui: deployment shop/api is stopped for off-hours")), true),
        ["a status without message or reason, and a negative code"] = (Answer(new AdmissionResponse { Uid = Uid, Status = new AdmissionStatus { Code = -1 } }), true),
        ["no apiVersion and no kind"] = (new AdmissionReview { Response = new AdmissionResponse { Uid = Uid, Allowed = true } }, true),
        ["an empty uid and an empty list of warnings"] = (Answer(new AdmissionResponse { Uid = string.Empty, Warnings = [] }), true),
        ["a patch as read from an answer"] = (Answer(new AdmissionResponse { Uid = Uid, Allowed = true, PatchType = "JSONPatch", Patch = PatchDocument.Read([0, 1, 2, 250, 251]) }), true),
        ["a warning outside ASCII"] = (Answer(new AdmissionResponse { Uid = Uid, Allowed = true, Warnings = ["Zürich"] }), false),
        ["a message with a control character"] = (AdmissionResponses.Encode(Uid, new AdmissionDecision.Denied("line\nbreak")), false),
        ["a uid with DEL"] = (Answer(new AdmissionResponse { Uid = "a\u007fb" }), false),
        ["a null warning"] = (Answer(new AdmissionResponse { Uid = Uid, Warnings = ["one", null!] }), false),
        ["a null uid"] = (Answer(new AdmissionResponse { Uid = null! }), false),
        ["a review with a request"] = (new AdmissionReview { Request = new AdmissionRequest { Uid = Uid }, Response = new AdmissionResponse { Uid = Uid } }, false),
        ["a review without an answer"] = (new AdmissionReview { ApiVersion = AdmissionReview.ApiVersionV1, Kind = AdmissionReview.KindName }, false),
    };

    public static TheoryData<string> Answers => [.. Cases.Keys];

    [Theory, MemberData(nameof(Answers))]
    public void An_answer_is_written_by_hand_only_when_it_is_plain_and_then_as_the_serializer_writes_it(string because)
    {
        var (review, plain) = Cases[because];
        var buffer = new ArrayBufferWriter<byte>();

        PlainAnswer.TryWrite(review, buffer).ShouldBe(plain, because);

        // Refused, it leaves the buffer as it found it, for the serializer to start afresh.
        Encoding.UTF8.GetString(buffer.WrittenSpan).ShouldBe(plain ? Serialized(review) : string.Empty, because);
    }

    [Fact]
    public void Any_answer_written_by_hand_is_byte_for_byte_the_serializers()
    {
        var text = Gen.String[Gen.Char[Characters], 0, 40];
        var plainText = Gen.String[Gen.Char["az09/~.-_ :<>\"\\"], 0, 40];
        var anyText = Gen.Frequency((4, plainText), (1, text));
        var maybeText = Gen.Frequency((3, anyText.Select(t => (string?)t)), (1, Gen.Const((string?)null)));
        var status = Gen.Select(Gen.Int, maybeText, maybeText, (code, message, reason) => new AdmissionStatus { Code = code, Message = message, Reason = reason });
        var patch = Gen.Byte.Array[0, 200].Select(PatchDocument.Read);
        var response = Gen.Select(anyText, Gen.Bool, maybeText, Gen.Frequency((1, patch.Select(p => (PatchDocument?)p)), (1, Gen.Const((PatchDocument?)null))),
            Gen.Frequency((1, status.Select(s => (AdmissionStatus?)s)), (2, Gen.Const((AdmissionStatus?)null))),
            Gen.Frequency((2, anyText.Array[0, 3].Select(w => (AnswerWarnings?)new AnswerWarnings(w))), (1, Gen.Const((AnswerWarnings?)null))),
            (uid, allowed, patchType, document, answerStatus, warnings) => new AdmissionResponse
            {
                Uid = uid,
                Allowed = allowed,
                PatchType = patchType,
                Patch = document,
                Status = answerStatus,
                Warnings = warnings,
            });
        var review = Gen.Select(maybeText, maybeText, response, (apiVersion, kind, answer) => new AdmissionReview { ApiVersion = apiVersion, Kind = kind, Response = answer });

        review.Sample(
            answer =>
            {
                var buffer = new ArrayBufferWriter<byte>();
                var plain = PlainAnswer.TryWrite(answer, buffer);
                plain.ShouldBe(Strings(answer).All(s => !s.AsSpan().ContainsAnyExceptInRange(' ', '~')));
                Encoding.UTF8.GetString(buffer.WrittenSpan).ShouldBe(plain ? Serialized(answer) : string.Empty);
            },
            iter: 5_000,
            print: Serialized);
    }

    [Fact]
    public void A_stop_record_answer_is_written_by_hand()
    {
        var review = AdmissionResponses.Encode(Uid, new AdmissionDecision.Patched(StopRecord(), ["held"]));
        var buffer = new ArrayBufferWriter<byte>();

        PlainAnswer.TryWrite(review, buffer).ShouldBeTrue();

        var read = JsonSerializer.Deserialize(buffer.WrittenSpan, AdmissionJsonContext.Default.AdmissionReview)!.Response!;
        Encoding.UTF8.GetString(read.Patch!.Utf8()).ShouldBe(Encoding.UTF8.GetString(JsonPatchEncoder.Encode(StopRecord())));
        read.Warnings.ShouldBe(["held"]);
    }

    [Fact]
    public void The_answer_has_the_members_written_by_hand_and_no_other()
    {
        // A member added to the model would be written by the serializer and left out by PlainAnswer: add it there too.
        Members(typeof(AdmissionReview)).ShouldBe(["ApiVersion", "Kind", "Request", "Response"]);
        Members(typeof(AdmissionResponse)).ShouldBe(["Uid", "Allowed", "PatchType", "Patch", "Status", "Warnings"]);
        Members(typeof(AdmissionStatus)).ShouldBe(["Code", "Message", "Reason"]);
    }

    private static string[] Members(Type type) => [.. type.GetProperties().Select(p => p.Name)];

    private static AdmissionReview Answer(AdmissionResponse response) =>
        new() { ApiVersion = AdmissionReview.ApiVersionV1, Kind = AdmissionReview.KindName, Response = response };

    private static PatchOperation[] StopRecord() => [.. StopWrites.Stop(null, null, 5, 0, Policies.OffHours, ReplicasMember.MayBeAbsent)];

    // Every string an answer holds, which decides whether it is plain.
    private static IEnumerable<string> Strings(AdmissionReview review) =>
        new[] { review.ApiVersion, review.Kind, review.Response!.Uid, review.Response.PatchType, review.Response.Status?.Message, review.Response.Status?.Reason }
            .Concat(review.Response.Warnings ?? [])
            .OfType<string>();

    private static string Serialized(AdmissionReview review)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, AnswerJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, review, AdmissionJsonContext.Default.AdmissionReview);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
