using System.Text;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// What the reader does not decode again: a value a review carries in every request (<see cref="KnownValues"/>), the
/// object's name when it is the request's, and the annotations of an object that has none that decide. The values
/// read are checked against the generated deserializer in <see cref="AdmissionReviewReaderTests"/>; these tests pin
/// that the strings are shared.
/// </summary>
public class ReviewValueSharingTests
{
    public static TheoryData<string, string> Known => new()
    {
        { "apiVersion", """{"apiVersion":"admission.k8s.io/v1"}""" },
        { "kind", """{"kind":"AdmissionReview"}""" },
        { "operation", """{"request":{"operation":"UPDATE"}}""" },
        { "group", """{"request":{"resource":{"group":"apps"}}}""" },
        { "resource", """{"request":{"resource":{"resource":"statefulsets"}}}""" },
        { "subResource", """{"request":{"subResource":"scale"}}""" },
    };

    // The kept strings are compared by reference here, not passed as theory data, which the runner copies.
    [Theory, MemberData(nameof(Known))]
    public void A_value_every_review_carries_is_the_string_kept_once(string member, string body)
    {
        var review = Read(body);
        var (value, kept) = member switch
        {
            "apiVersion" => (review.ApiVersion, AdmissionReview.ApiVersionV1),
            "kind" => (review.Kind, AdmissionReview.KindName),
            "operation" => (review.Request!.Operation, AdmissionTarget.Update),
            "group" => (review.Request!.Resource!.Group, Core.Policy.WorkloadKind.Deployment.Group),
            "resource" => (review.Request!.Resource!.Resource, Core.Policy.WorkloadKind.StatefulSet.Plural),
            _ => (review.Request!.SubResource, AdmissionTarget.ScaleSubresource),
        };

        value.ShouldBe(kept, member);
        ReferenceEquals(value, kept).ShouldBeTrue(member);
    }

    [Theory]
    [InlineData("escaped", """{"request":{"operation":"UPD\u0041TE"}}""", "UPDATE")]
    [InlineData("not among those kept", """{"request":{"operation":"PATCH"}}""", "PATCH")]
    [InlineData("a prefix of one kept", """{"request":{"operation":"UPD"}}""", "UPD")]
    public void Any_other_value_is_decoded(string because, string body, string expected)
    {
        var operation = Read(body).Request!.Operation;

        operation.ShouldBe(expected, because);
        ReferenceEquals(operation, AdmissionTarget.Update).ShouldBeFalse(because);
    }

    [Fact]
    public void The_objects_name_is_the_requests_string_when_it_is_the_same()
    {
        var request = Read("""{"request":{"name":"api","object":{"metadata":{"name":"api"}},"oldObject":{"metadata":{"name":"api"}}}}""").Request!;

        ReferenceEquals(request.NewObject!.Metadata!.Name, request.Name).ShouldBeTrue();
        ReferenceEquals(request.OldObject!.Metadata!.Name, request.Name).ShouldBeTrue();
    }

    [Theory]
    [InlineData("another name", """{"request":{"name":"api","object":{"metadata":{"name":"web"}}}}""", "web")]
    [InlineData("the request's name escaped", """{"request":{"name":"api","object":{"metadata":{"name":"\u0061pi"}}}}""", "api")]
    [InlineData("a request without a name (generateName)", """{"request":{"object":{"metadata":{"name":"api"}}}}""", "api")]
    [InlineData("the name given after the object", """{"request":{"object":{"metadata":{"name":"api"}},"name":"api"}}""", "api")]
    public void Any_other_name_is_decoded(string because, string body, string expected) =>
        Read(body).Request!.NewObject!.Metadata!.Name.ShouldBe(expected, because);

    [Fact]
    public void Objects_without_an_annotation_that_decides_share_one_empty_map()
    {
        var first = Read("""{"request":{"object":{"metadata":{"annotations":{"team":"shop"}}}}}""").Request!.NewObject!.Metadata!.Annotations;
        var second = Read("""{"request":{"object":{"metadata":{"annotations":{}}}}}""").Request!.NewObject!.Metadata!.Annotations;

        first.ShouldNotBeNull().ShouldBeEmpty();
        ReferenceEquals(first, second).ShouldBeTrue();
    }

    private static AdmissionReview Read(string body) => AdmissionReviewReader.Read(Encoding.UTF8.GetBytes(body))!;
}
