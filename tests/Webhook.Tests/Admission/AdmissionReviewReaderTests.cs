using System.Buffers;
using System.Text;
using System.Text.Json;
using Tarnfui.Core.Policy;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// The webhook's reader against System.Text.Json's generated deserializer of the same model, which it replaced: the
/// same review from the same body (but the annotations that decide nothing, which the reader does not copy), the same
/// bodies refused.
/// </summary>
public class AdmissionReviewReaderTests
{
    private const string Envelope = """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":""";

    public static TheoryData<string, string> Reviews => new()
    {
        { "as the API server sends it", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deployment-scale-up.json")) },
        { "escaped member names", Envelope + """{"u\u0069d":"1","\u006fbject":{"spec":{"r\u0065plicas":3}}}}""" },
        { "the longest name looked for, every character escaped", Envelope + """{"uid":"1","object":{"metadata":{"\u006f\u0077\u006e\u0065\u0072\u0052\u0065\u0066\u0065\u0072\u0065\u006e\u0063\u0065\u0073":[{"controller":true}]}}}}""" },
        { "a member given twice", Envelope + """{"uid":"1","uid":"2","object":{"metadata":{"labels":{"a":"1"},"labels":{"b":"2"}}}}}""" },
        { "a key given twice", Envelope + """{"uid":"1","object":{"metadata":{"annotations":{"tarnfui.io/uptime":"1","tarnfui.io/uptime":"2"}}}}}""" },
        { "annotations that decide among others", Envelope + """{"uid":"1","object":{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"kind\":\"Deployment\",\"spec\":{\"replicas\":5}}\n","tarnfui.io/uptime":"Mon-Fri 08:00-18:00","team":"shop","downscaler/uptime":"always","tarnfui.io\/downtime":"never","t\u00e9am":"x"}}},"oldObject":{"metadata":{"annotations":{"team":"shop"}}}}}""" },
        { "nulls everywhere", Envelope + """{"uid":"1","kind":null,"resource":null,"subResource":null,"userInfo":{"groups":[null,"g"]},"object":{"metadata":{"ownerReferences":[null,{"controller":null}]},"spec":{"replicas":null,"suspend":null}},"oldObject":null,"dryRun":null}}""" },
        { "a null request", Envelope + "null}" },
        { "a null body", "null" },
        { "names in another case are other members", Envelope + """{"UID":"1","uid":"2","Object":{"spec":{"replicas":"x"}}}}""" },
        { "unknown members of every kind", Envelope + """{"uid":"1","x":[1,{"a":[true,null,"s"]},-2.5e3],"object":{"status":{"replicas":"x"},"spec":{"template":{"spec":{}},"replicas":-1,"suspend":true}}},"response":{"uid":"r"}}""" },
        { "owners and groups", Envelope + """{"uid":"1","userInfo":{"username":"u","uid":"v","groups":["a","b"],"extra":{"k":["v"]}},"object":{"metadata":{"name":"n","generateName":"g-","namespace":"ns","ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","controller":true,"uid":"x"}]}}}}""" },
        { "values it keeps once, escaped or unknown", """{"apiVersion":"admission.k8s.io\/v1","kind":"Admission\u0052eview","request":{"uid":"1","resource":{"group":"a\u0070ps","resource":"widgets"},"subResource":"sc\u0061le","operation":"P\u0041TCH","object":{"metadata":{"name":"api"}}}}""" },
        { "an object named unlike the request, or alike in another script", Envelope + """{"uid":"1","name":"caf\u00e9","object":{"metadata":{"name":"café"}},"oldObject":{"metadata":{"name":"cafe"}}}}""" },
        { "white space and unicode", " \n" + Envelope + """ { "uid" : "é\u00e9😀\ud83d\ude00" , "name":"\"quoted\"" } } """ + "\n" },
    };

    public static TheoryData<string, string> Refusals => new()
    {
        { "empty", string.Empty },
        { "not JSON", "hello" },
        { "an array", "[]" },
        { "a string", "\"x\"" },
        { "cut short", Envelope + """{"uid":"1""" },
        { "trailing bytes", Envelope + """{"uid":"1"}} x""" },
        { "a comment", Envelope + """{"uid":"1"}} // no""" },
        { "a trailing comma", Envelope + """{"uid":"1",}}""" },
        { "uid a number", Envelope + """{"uid":1}}""" },
        { "request a string", Envelope + "\"r\"}" },
        { "replicas a string", Envelope + """{"uid":"1","object":{"spec":{"replicas":"3"}}}}""" },
        { "replicas out of range", Envelope + """{"uid":"1","object":{"spec":{"replicas":1e40}}}}""" },
        { "replicas not whole", Envelope + """{"uid":"1","object":{"spec":{"replicas":2.5}}}}""" },
        { "suspend a string", Envelope + """{"uid":"1","object":{"spec":{"suspend":"true"}}}}""" },
        { "labels an array", Envelope + """{"uid":"1","object":{"metadata":{"labels":["a"]}}}}""" },
        { "an annotation a number", Envelope + """{"uid":"1","oldObject":{"metadata":{"annotations":{"a":1}}}}}""" },
        { "username a number", Envelope + """{"uid":"1","userInfo":{"username":7}}}""" },
        { "an owner a string", Envelope + """{"uid":"1","object":{"metadata":{"ownerReferences":["x"]}}}}""" },
        { "nested too deep", Envelope + """{"uid":"1","x":""" + new string('[', 70) + new string(']', 70) + "}}" },
    };

    [Theory, MemberData(nameof(Reviews))]
    public void A_review_is_read_as_the_generated_deserializer_read_it(string because, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        Text(AdmissionReviewReader.Read(bytes)).ShouldBe(Text(Generated(bytes)), because);
    }

    [Theory, MemberData(nameof(Reviews))]
    public void A_review_split_across_segments_is_read_as_a_contiguous_one(string because, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        Text(AdmissionReviewReader.Read(Segments(bytes))).ShouldBe(Text(AdmissionReviewReader.Read(bytes)), because);
    }

    [Theory, MemberData(nameof(Refusals))]
    public void A_body_the_generated_deserializer_refused_is_refused(string because, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        Should.Throw<JsonException>(() => Generated(bytes), because);

        Should.Throw<JsonException>(() => AdmissionReviewReader.Read(bytes), because);
    }

    [Fact]
    public void A_string_that_is_not_UTF_8_is_refused_as_malformed_JSON()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes(Envelope + """{"uid":"""), (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}', (byte)'}'];

        Should.Throw<JsonException>(() => AdmissionReviewReader.Read(body)).Message.ShouldStartWith("$.request.uid");
    }

    [Fact]
    public void Only_the_annotations_that_decide_are_kept_and_an_object_with_none_of_them_keeps_an_empty_map()
    {
        var body = Encoding.UTF8.GetBytes(Envelope + """{"uid":"1","object":{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"a\":1}","tarnfui.io/uptime":"always","team":null,"downscaler/exclude":"true","tarnfui.io\/restore":"manual"}}},"oldObject":{"metadata":{"annotations":{"team":"shop"}}}}}""");

        var request = AdmissionReviewReader.Read(body)!.Request!;

        // A null value is kept whatever its key: the decoder refuses it by name, as the API server never sends one.
        request.NewObject!.Metadata!.Annotations!.ShouldBe(new Dictionary<string, string>
        {
            ["tarnfui.io/uptime"] = "always",
            ["team"] = null!,
            ["downscaler/exclude"] = "true",
            ["tarnfui.io/restore"] = "manual",
        }, ignoreOrder: true);
        request.OldObject!.Metadata!.Annotations.ShouldNotBeNull().ShouldBeEmpty("the map exists, so a patch adds into it");
    }

    [Theory]
    [InlineData("a value", new byte[] { (byte)'"', (byte)'t', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"' })]
    [InlineData("a key", new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'"', (byte)'v', (byte)'"' })]
    public void An_annotation_not_kept_is_still_refused_when_it_is_not_UTF_8(string because, byte[] entry)
    {
        byte[] body = [.. Encoding.UTF8.GetBytes(Envelope + """{"uid":"1","object":{"metadata":{"annotations":{"""), .. entry, .. "}}}}}"u8];

        Should.Throw<JsonException>(() => AdmissionReviewReader.Read(body), because).Message.ShouldStartWith("$.request.object.metadata.annotations");
        Should.Throw<JsonException>(() => Generated(body), because);
    }

    [Fact]
    public void A_value_of_another_type_is_refused_with_its_path()
    {
        var body = Encoding.UTF8.GetBytes(Envelope + """{"uid":"1","oldObject":{"metadata":{"annotations":{"team":7}}}}}""");

        var refusal = Should.Throw<JsonException>(() => AdmissionReviewReader.Read(body));

        refusal.Message.ShouldStartWith("$.request.oldObject.metadata.annotations[\"team\"] must be a string, got a number at byte ");
        refusal.Path.ShouldBe("$.request.oldObject.metadata.annotations[\"team\"]");
    }

    // The generated deserializer also read a review's response, which the reader skips: compared without it.
    private static string Text(AdmissionReview? review)
    {
        if (review is null)
        {
            return "null";
        }

        review.Response = null;
        // The reader keeps only the annotations that decide, and null values (DecisiveMap): the generated
        // deserializer's are compared reduced to those.
        foreach (var metadata in new[] { review.Request?.NewObject?.Metadata, review.Request?.OldObject?.Metadata })
        {
            if (metadata?.Annotations is { } annotations)
            {
                metadata.Annotations = annotations.Where(entry => entry.Value is null || DecisiveKeys.Is(entry.Key)).ToDictionary();
            }
        }

        return JsonSerializer.Serialize(review, AdmissionJsonContext.Default.AdmissionReview);
    }

    private static AdmissionReview? Generated(byte[] body) => JsonSerializer.Deserialize(body, AdmissionJsonContext.Default.AdmissionReview);

    // Every byte its own segment: each token and member name crosses segments.
    private static ReadOnlySequence<byte> Segments(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            last = last.Append(bytes.AsMemory(i, 1));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
