using System.Buffers;
using System.Text.Json;
using static Tarnfui.Webhook.Admission.ReviewJson;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// Reads an AdmissionReview from its JSON in one pass with <see cref="Utf8JsonReader"/>: the envelope and the members of
/// the request that <see cref="AdmissionReview"/> models; every other member is skipped, checked to be JSON but not
/// read into anything (a workload's pod template, status, managed fields; a review's <c>response</c>, which the API
/// server never sends).
/// </summary>
/// <remarks>
/// It replaced the generated deserializer of the same model, whose general machinery (a stack of frames, a converter
/// and a property lookup per member) cost more than the tokens themselves (docs/benchmarks.md, "Webhook"). The rules
/// are the serializer's, which tests/Webhook.Tests checks it against: member names match exactly (escaped or not),
/// the last of a repeated member wins, a JSON null leaves a value absent, a value of another JSON type, a comment,
/// trailing content or nesting deeper than 64 is refused.
/// </remarks>
internal static class AdmissionReviewReader
{
    /// <returns>The review, or null for a body that is the JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The body is not JSON, or a member has a value of another type.</exception>
    public static AdmissionReview? Read(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return Read(ref reader);
    }

    /// <inheritdoc cref="Read(ReadOnlySequence{byte})"/>
    public static AdmissionReview? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return Read(ref reader);
    }

    /// <summary>
    /// As <see cref="Read(ReadOnlySpan{byte})"/>, over the first <paramref name="length"/> bytes of a body the reader may
    /// write to: the objects and arrays it does not read are blanked before they are skipped (<see cref="SkippedValues"/>).
    /// </summary>
    public static AdmissionReview? ReadWritable(byte[] body, int length)
    {
        using var writable = SkippedValues.Writable(body, length);
        var reader = new Utf8JsonReader(body.AsSpan(0, length));
        return Read(ref reader);
    }

    private static AdmissionReview? Read(ref Utf8JsonReader reader)
    {
        reader.Read();
        AdmissionReview? review = null;
        if (reader.TokenType != JsonTokenType.Null)
        {
            review = reader.TokenType == JsonTokenType.StartObject ? Review(ref reader) : throw Mismatch(ref reader, "$", "an object");
        }

        // Anything but white space after the value makes the reader throw.
        while (reader.Read())
        {
        }

        return review;
    }

    private static AdmissionReview Review(ref Utf8JsonReader reader)
    {
        const string At = "$";
        var review = new AdmissionReview();
        while (NextMember(ref reader))
        {
            var name = MemberName(ref reader);
            if (name.SequenceEqual("apiVersion"u8))
            {
                review.ApiVersion = String(ref reader, At, "apiVersion", KnownValues.ApiVersions);
            }
            else if (name.SequenceEqual("kind"u8))
            {
                review.Kind = String(ref reader, At, "kind", KnownValues.Kinds);
            }
            else if (name.SequenceEqual("request"u8))
            {
                review.Request = StartObject(ref reader, At, "request") ? Request(ref reader) : null;
            }
            else
            {
                SkippedValues.Skip(ref reader);
            }
        }

        return review;
    }

    private static AdmissionRequest Request(ref Utf8JsonReader reader)
    {
        const string At = "$.request";
        var request = new AdmissionRequest();
        while (NextMember(ref reader))
        {
            var name = MemberName(ref reader);
            if (name.SequenceEqual("uid"u8))
            {
                request.Uid = String(ref reader, At, "uid");
            }
            else if (name.SequenceEqual("resource"u8))
            {
                request.Resource = StartObject(ref reader, At, "resource") ? Resource(ref reader) : null;
            }
            else if (name.SequenceEqual("subResource"u8))
            {
                request.SubResource = String(ref reader, At, "subResource", KnownValues.Subresources);
            }
            else if (name.SequenceEqual("name"u8))
            {
                request.Name = String(ref reader, At, "name");
            }
            else if (name.SequenceEqual("namespace"u8))
            {
                request.Namespace = String(ref reader, At, "namespace");
            }
            else if (name.SequenceEqual("operation"u8))
            {
                request.Operation = String(ref reader, At, "operation", KnownValues.Operations);
            }
            else if (name.SequenceEqual("userInfo"u8))
            {
                request.UserInfo = StartObject(ref reader, At, "userInfo") ? User(ref reader) : null;
            }
            else if (name.SequenceEqual("object"u8))
            {
                request.NewObject = StartObject(ref reader, At, "object") ? Object(ref reader, ObjectPaths.New, request.Name) : null;
            }
            else if (name.SequenceEqual("oldObject"u8))
            {
                request.OldObject = StartObject(ref reader, At, "oldObject") ? Object(ref reader, ObjectPaths.Old, request.Name) : null;
            }
            else if (name.SequenceEqual("dryRun"u8))
            {
                request.DryRun = Boolean(ref reader, At, "dryRun");
            }
            else
            {
                SkippedValues.Skip(ref reader);
            }
        }

        return request;
    }

    private static GroupVersionResource Resource(ref Utf8JsonReader reader)
    {
        const string At = "$.request.resource";
        var resource = new GroupVersionResource();
        while (NextMember(ref reader))
        {
            var name = MemberName(ref reader);
            if (name.SequenceEqual("group"u8))
            {
                resource.Group = String(ref reader, At, "group", KnownValues.Groups);
            }
            else if (name.SequenceEqual("resource"u8))
            {
                resource.Resource = String(ref reader, At, "resource", KnownValues.Resources);
            }
            else
            {
                SkippedValues.Skip(ref reader);
            }
        }

        return resource;
    }

    private static UserInfo User(ref Utf8JsonReader reader)
    {
        const string At = "$.request.userInfo";
        var user = new UserInfo();
        while (NextMember(ref reader))
        {
            var name = MemberName(ref reader);
            if (name.SequenceEqual("username"u8))
            {
                user.Username = String(ref reader, At, "username");
            }
            else
            {
                SkippedValues.Skip(ref reader);
            }
        }

        return user;
    }

    private static KubeObject Object(ref Utf8JsonReader reader, ObjectPaths at, string? requestName)
    {
        var kubeObject = new KubeObject();
        while (NextMember(ref reader))
        {
            var name = MemberName(ref reader);
            if (name.SequenceEqual("metadata"u8))
            {
                kubeObject.Metadata = StartObject(ref reader, at.Object, "metadata") ? ObjectMetadataReader.Read(ref reader, at.Metadata, requestName) : null;
            }
            else if (name.SequenceEqual("spec"u8))
            {
                kubeObject.Spec = StartObject(ref reader, at.Object, "spec") ? Spec(ref reader, at.Spec) : null;
            }
            else
            {
                SkippedValues.Skip(ref reader);
            }
        }

        return kubeObject;
    }

    private static WorkloadSpec Spec(ref Utf8JsonReader reader, string at)
    {
        var spec = new WorkloadSpec();
        while (NextMember(ref reader))
        {
            var name = MemberName(ref reader);
            if (name.SequenceEqual("replicas"u8))
            {
                spec.Replicas = Int32(ref reader, at, "replicas");
            }
            else if (name.SequenceEqual("suspend"u8))
            {
                spec.Suspend = Boolean(ref reader, at, "suspend");
            }
            else
            {
                SkippedValues.Skip(ref reader);
            }
        }

        return spec;
    }

    // Where a request's object and oldObject are, for the reasons a value is refused; built once.
    private sealed record ObjectPaths(string Object, string Metadata, string Spec)
    {
        public static readonly ObjectPaths New = new("$.request.object", "$.request.object.metadata", "$.request.object.spec");
        public static readonly ObjectPaths Old = new("$.request.oldObject", "$.request.oldObject.metadata", "$.request.oldObject.spec");
    }
}
