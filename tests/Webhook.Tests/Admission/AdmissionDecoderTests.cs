using System.IO.Pipelines;
using System.Text;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Admission;

public class AdmissionDecoderTests
{
    public static TheoryData<string, string, string?, string> Refusals => new()
    {
        { "wrong content type", "{}", "text/plain", "Content-Type must be application/json, got \"text/plain\"" },
        { "no content type", "{}", null, "Content-Type must be application/json, got \"\"" },
        { "JSON of another media type", "{}", "application/json-patch+json", "Content-Type must be application/json, got \"application/json-patch+json\"" },
        { "application/json as a prefix only", "{}", "application/jsonx", "Content-Type must be application/json, got \"application/jsonx\"" },
        { "not JSON", "hello", "application/json", "body is not an AdmissionReview: " },
        { "JSON null", "null", "application/json", "body is null, expected an AdmissionReview" },
        { "an array", "[]", "application/json", "body is not an AdmissionReview: " },
        { "wrong apiVersion", """{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"1"}}""", "application/json", "apiVersion must be admission.k8s.io/v1, got \"admission.k8s.io/v1beta1\"" },
        { "wrong kind", """{"apiVersion":"admission.k8s.io/v1","kind":"Deployment","request":{"uid":"1"}}""", "application/json", "kind must be AdmissionReview, got \"Deployment\"" },
        { "no request", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "application/json", "request is missing" },
        { "no uid", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{}}""", "application/json", "request.uid is missing" },
        { "replicas not a number", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","object":{"spec":{"replicas":"3"}}}}""", "application/json", "body is not an AdmissionReview: " },
        { "replicas out of range", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","object":{"spec":{"replicas":1e40}}}}""", "application/json", "body is not an AdmissionReview: " },
        { "null annotation value", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","object":{"metadata":{"annotations":{"a":null}}}}}""", "application/json", "request.object.metadata.annotations[\"a\"] is null, expected a string" },
    };

    [Theory, MemberData(nameof(Refusals))]
    public async Task Bodies_that_are_not_an_AdmissionReview_are_refused_with_the_reason(string because, string body, string? contentType, string reason)
    {
        var (_, error) = await AdmissionDecoder.DecodeAsync(PipeReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(body))), contentType, CancellationToken.None);

        error.ShouldNotBeNull(because).ShouldStartWith(reason, customMessage: because);
    }

    // The API server's own, compared as it is; the others go through the media type parser.
    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/JSON")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData(" application/json ")]
    public async Task Every_writing_of_the_JSON_media_type_is_accepted(string contentType)
    {
        var body = """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1"}}""";

        var (review, error) = await AdmissionDecoder.DecodeAsync(PipeReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(body))), contentType, CancellationToken.None);

        error.ShouldBeNull(contentType);
        review!.Request!.Uid.ShouldBe("1");
    }

    [Fact]
    public async Task A_review_as_the_API_server_sends_it_is_decoded()
    {
        await using var body = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deployment-scale-up.json"));

        var (review, error) = await AdmissionDecoder.DecodeAsync(PipeReader.Create(body), "application/json; charset=utf-8", CancellationToken.None);

        error.ShouldBeNull();
        var request = review!.Request!;
        request.Uid.ShouldBe("705ab4f5-6393-11e8-b7cc-42010a800002");
        request.Operation.ShouldBe("UPDATE");
        request.UserInfo!.Username.ShouldBe("alice@example.com");
        request.NewObject!.Spec!.Replicas.ShouldBe(5);
        request.OldObject!.Spec!.Replicas.ShouldBe(0);
        request.NewObject.Metadata!.Labels!["app"].ShouldBe("api");
    }
}
