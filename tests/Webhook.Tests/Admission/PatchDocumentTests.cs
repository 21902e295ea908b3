using System.Text.Json;
using System.Text.Json.Nodes;
using Tarnfui.Core.StopRecord;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>The answer's <c>patch</c>: written from the operations into the answer as one base64 string, as a byte array was.</summary>
public class PatchDocumentTests
{
    private static readonly PatchOperation[] Stop =
    [
        PatchOperation.Add(new PatchValue.Number(0), "spec", "replicas"),
        PatchOperation.Add(new PatchValue.Text("5"), "metadata", "annotations", "tarnfui.io/original-replicas"),
    ];

    private static readonly PatchOperation[] Suspend = [PatchOperation.Add(new PatchValue.Flag(true), "spec", "suspend")];

    [Fact]
    public void The_patch_is_the_base64_of_the_encoded_document()
    {
        var answer = Answer(new PatchDocument(Stop));

        answer["response"]!["patch"]!.GetValue<string>().ShouldBe(Convert.ToBase64String(JsonPatchEncoder.Encode(Stop)));
    }

    [Fact]
    public void Answers_written_one_after_the_other_on_one_thread_each_carry_their_own_patch()
    {
        var first = Answer(new PatchDocument(Stop));
        var second = Answer(new PatchDocument(Suspend));

        Convert.FromBase64String(first["response"]!["patch"]!.GetValue<string>()).ShouldBe(JsonPatchEncoder.Encode(Stop));
        Convert.FromBase64String(second["response"]!["patch"]!.GetValue<string>()).ShouldBe(JsonPatchEncoder.Encode(Suspend));
    }

    [Fact]
    public void An_answer_read_back_is_written_again_byte_for_byte()
    {
        var sent = JsonSerializer.SerializeToUtf8Bytes(Review(new PatchDocument(Stop)), AdmissionJsonContext.Default.AdmissionReview);

        var read = JsonSerializer.Deserialize(sent, AdmissionJsonContext.Default.AdmissionReview)!;

        read.Response!.Patch!.Operations.ShouldBeNull("a document read keeps its bytes, not operations");
        read.Response.Patch.Utf8().ToArray().ShouldBe(JsonPatchEncoder.Encode(Stop));
        JsonSerializer.SerializeToUtf8Bytes(read, AdmissionJsonContext.Default.AdmissionReview).ShouldBe(sent);
    }

    [Fact]
    public void A_patch_that_is_not_base64_is_refused_as_malformed()
    {
        var body = """{"response":{"uid":"1","allowed":true,"patch":"not base64!"}}"""u8.ToArray();

        Should.Throw<JsonException>(() => JsonSerializer.Deserialize(body, AdmissionJsonContext.Default.AdmissionReview));
    }

    private static AdmissionReview Review(PatchDocument patch) => new()
    {
        ApiVersion = AdmissionReview.ApiVersionV1,
        Kind = AdmissionReview.KindName,
        Response = new AdmissionResponse { Uid = "1", Allowed = true, PatchType = AdmissionResponses.JsonPatchType, Patch = patch },
    };

    private static JsonNode Answer(PatchDocument patch) =>
        JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(Review(patch), AdmissionJsonContext.Default.AdmissionReview))!;
}
