using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// A body is decoded once it has all arrived, whatever length it declared: an ordinary one where the request's pipe
/// holds it, a larger one copied out of the pipe as it streams in. All decode the same review and refuse the same
/// bodies with the same reason.
/// </summary>
public class AdmissionDecoderPathsTests
{
    private static readonly byte[] Fixture = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deployment-scale-up.json"));

    public static TheoryData<string, string> Bodies => new()
    {
        { "not JSON", "hello" },
        { "empty", string.Empty },
        { "JSON null", "null" },
        { "an array", "[]" },
        { "cut short", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionRev""" },
        { "trailing bytes", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1"}} x""" },
        { "wrong apiVersion", """{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"1"}}""" },
        { "replicas not a number", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","object":{"spec":{"replicas":"3"}}}}""" },
        { "null label value", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","oldObject":{"metadata":{"labels":{"a":"1","b":null}}}}}""" },
        { "a valid review", Encoding.UTF8.GetString(Fixture) },
    };

    [Theory, MemberData(nameof(Bodies))]
    public async Task A_body_read_whole_decodes_as_the_streamed_one(string because, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var whole = await DecodeAsync(bytes, bytes.Length);
        var streamed = await DecodeAsync(bytes, null);

        whole.ShouldBe(streamed, because);
    }

    [Theory]
    [InlineData("declared shorter than sent", 10)]
    [InlineData("declared longer than sent", 60 * 1024)]
    [InlineData("declared larger than is read whole", AdmissionDecoder.WholeBodyBytes + 1)]
    public async Task A_body_is_read_to_its_end_whatever_length_it_declared(string because, long declared) =>
        (await DecodeAsync(Fixture, declared)).ShouldBe(await DecodeAsync(Fixture, null), because);

    [Theory]
    [InlineData("unsized", false)]
    [InlineData("sized", true)]
    public async Task A_body_larger_than_the_pipe_holds_decodes_as_a_small_one(string because, bool sized)
    {
        var padding = Encoding.UTF8.GetBytes($"{{\"padding\":\"{new string('x', 2 * AdmissionDecoder.WholeBodyBytes)}\",");
        byte[] large = [.. padding, .. Fixture.AsSpan(Fixture.AsSpan().IndexOf((byte)'{') + 1)];
        var reader = PipeReader.Create(new MemoryStream(large), new StreamPipeReaderOptions(bufferSize: 4096));

        var (review, error) = await AdmissionDecoder.DecodeAsync(reader, "application/json", CancellationToken.None, sized ? large.Length : null);

        error.ShouldBeNull(because);
        JsonSerializer.Serialize(review!, AdmissionJsonContext.Default.AdmissionReview).ShouldBe(await DecodeAsync(Fixture, null), because);
    }

    [Fact]
    public async Task A_body_read_whole_is_the_review_it_holds()
    {
        var (review, error) = await AdmissionDecoder.DecodeAsync(PipeReader.Create(new MemoryStream(Fixture)), "application/json", CancellationToken.None, Fixture.Length);

        error.ShouldBeNull();
        review!.Request!.Uid.ShouldBe("705ab4f5-6393-11e8-b7cc-42010a800002");
        review.Request.NewObject!.Spec!.Replicas.ShouldBe(5);
    }

    // The outcome as text: the review serialized again, or the reason it was refused.
    private static async Task<string> DecodeAsync(byte[] body, long? declared)
    {
        var (review, error) = await AdmissionDecoder.DecodeAsync(PipeReader.Create(new MemoryStream(body)), "application/json", CancellationToken.None, declared);
        return error is not null ? "refused: " + error : JsonSerializer.Serialize(review!, AdmissionJsonContext.Default.AdmissionReview);
    }
}
