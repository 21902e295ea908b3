using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// The members the reader does not read, blanked before they are skipped in a body it may write to: where the scan
/// places an object or array, what it leaves to the tokenizer, and that a review reads the same either way.
/// </summary>
public class SkippedValuesTests
{
    private const string Envelope = """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":""";

    public static TheoryData<string, string, int> Containers => new()
    {
        { "an empty object", "{}", 2 },
        { "an empty array after white space", " \n\t[]", 5 },
        { "nested objects and arrays", """{"a":[1,{"b":[]}],"c":{}}""", 25 },
        { "brackets and braces inside strings", """{"a":"}]{[","b":["]"]}""", 22 },
        { "an escaped quote and an escaped backslash before a quote", """{"a":"x\"}\\","b":1}""", 20 },
        { "a unicode escape", """["\u007d"]""", 10 },
        { "what follows is not looked at", "{\"a\":1},\"next\":\"", 7 },
    };

    [Theory, MemberData(nameof(Containers))]
    public void An_object_or_array_is_placed_from_its_first_bracket_to_its_last(string because, string json, int end)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        ContainerScan.TryFind(bytes, 0, 1, out var start, out var found).ShouldBeTrue(because);

        start.ShouldBe(json.IndexOfAny(['{', '[']), because);
        found.ShouldBe(end, because);
    }

    public static TheoryData<string, string> NotPlaced => new()
    {
        { "a string", "\"x\"" },
        { "a number", "12" },
        { "a literal", "true" },
        { "cut short", """{"a":[1,2]""" },
        { "a string cut short", """{"a":"x}""" },
        { "an escape at the very end", """{"a":"x\""" },
        { "a bracket closed by a brace", """{"a":[1}}""" },
        { "a brace closed by a bracket", """[{"a":1]]""" },
        { "a control character in a string", "{\"a\":\"x\ny\"}" },
        { "nothing", "   " },
    };

    [Theory, MemberData(nameof(NotPlaced))]
    public void What_the_scan_cannot_place_for_certain_is_left_to_the_tokenizer(string because, string json) =>
        ContainerScan.TryFind(Encoding.UTF8.GetBytes(json), 0, 1, out _, out _).ShouldBeFalse(because);

    [Theory]
    [InlineData(1, 62, true)]
    [InlineData(1, 63, false)]
    [InlineData(40, 23, true)]
    [InlineData(40, 24, false)]
    public void Nesting_is_placed_only_well_within_the_readers_limit_of_64(int depth, int levels, bool placed)
    {
        var json = new string('[', levels) + new string(']', levels);

        ContainerScan.TryFind(Encoding.UTF8.GetBytes(json), 0, depth, out _, out _).ShouldBe(placed);
    }

    [Fact]
    public void Skipped_members_are_blanked_in_the_body_and_those_read_are_left_as_they_are()
    {
        var json = Envelope + """{"uid":"1","kind":{"group":"apps"},"object":{"metadata":{"name":"api","managedFields":[{"manager":"kubectl"}]},"spec":{"replicas":3,"template":{"spec":{}}}}}}""";
        var body = Encoding.UTF8.GetBytes(json);

        var review = AdmissionReviewReader.ReadWritable(body, body.Length)!;

        review.Request!.NewObject!.Spec!.Replicas.ShouldBe(3);
        var blanked = Encoding.UTF8.GetString(body);
        blanked.Length.ShouldBe(json.Length);
        blanked.ShouldContain("\"kind\":\"" + new string(' ', """{"group":"apps"}""".Length - 2) + "\"");
        blanked.ShouldContain("\"managedFields\":\"" + new string(' ', """[{"manager":"kubectl"}]""".Length - 2) + "\"");
        blanked.ShouldContain("\"template\":\"" + new string(' ', """{"spec":{}}""".Length - 2) + "\"");
        blanked.ShouldContain("\"uid\":\"1\"");
        blanked.ShouldContain("\"metadata\":{\"name\":\"api\",");
    }

    [Fact]
    public void A_skipped_object_whose_brackets_balance_but_whose_grammar_does_not_is_accepted_where_the_tokenizer_refused_it()
    {
        var body = Encoding.UTF8.GetBytes(Envelope + """{"uid":"1","x":{"a" 1, [tru]}}}""");

        Should.Throw<JsonException>(() => AdmissionReviewReader.Read(body.AsSpan()));
        AdmissionReviewReader.ReadWritable(body, body.Length)!.Request!.Uid.ShouldBe("1");
    }

    [Theory, MemberData(nameof(AdmissionReviewReaderTests.Reviews), MemberType = typeof(AdmissionReviewReaderTests))]
    public void A_review_reads_the_same_with_its_skipped_members_blanked(string because, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        Text(AdmissionReviewReader.ReadWritable([.. bytes], bytes.Length)).ShouldBe(Text(AdmissionReviewReader.Read(bytes.AsSpan())), because);
    }

    [Theory, MemberData(nameof(AdmissionReviewReaderTests.Refusals), MemberType = typeof(AdmissionReviewReaderTests))]
    public void A_body_refused_unblanked_is_refused_blanked(string because, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        Should.Throw<JsonException>(() => AdmissionReviewReader.ReadWritable(bytes, bytes.Length), because);
    }

    // Any JSON at all, nested a few levels: strings with quotes, backslashes, brackets and escapes among them.
    private static Gen<JsonNode?> Value(int depth) => RandomJson.Value(depth, "\"\\{}[]:,ab é\n\u0001", 8);

    [Fact]
    public void Any_JSON_in_members_not_read_at_any_level_leaves_the_review_as_the_tokenizer_reads_it()
    {
        Gen.Select(Value(4), Value(4), Value(4), Gen.Int[0, 1_000]).Sample((top, inRequest, inMetadata, replicas) =>
        {
            var review = new JsonObject
            {
                ["apiVersion"] = "admission.k8s.io/v1",
                ["x"] = top,
                ["request"] = new JsonObject
                {
                    ["uid"] = "1",
                    ["y"] = inRequest,
                    ["object"] = new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["z"] = inMetadata, ["name"] = "api", ["labels"] = new JsonObject { ["app"] = "api" } },
                        ["spec"] = new JsonObject { ["template"] = top?.DeepClone(), ["replicas"] = replicas },
                    },
                },
            };
            var bytes = Encoding.UTF8.GetBytes(review.ToJsonString());

            Text(AdmissionReviewReader.ReadWritable([.. bytes], bytes.Length)).ShouldBe(Text(AdmissionReviewReader.Read(bytes.AsSpan())));
        }, iter: 2_000);
    }

    [Fact]
    public void A_damaged_body_is_refused_or_read_as_the_tokenizer_reads_it_whenever_the_tokenizer_accepts_it()
    {
        var json = Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deployment-scale-up.json")));
        Gen.Select(Gen.Int[0, json.Length - 1], Gen.Int[0, 10].Select(i => "\"\\{}[]:, a0\n"u8[i]), Gen.Int[0, 2]).Sample((at, value, how) =>
        {
            byte[] damaged = how switch
            {
                0 => [.. json[..at], value, .. json[(at + 1)..]],
                1 => [.. json[..at], value, .. json[at..]],
                _ => json[..at],
            };

            string? plain;
            try
            {
                plain = Text(AdmissionReviewReader.Read(damaged.AsSpan()));
            }
            catch (JsonException)
            {
                plain = null;
            }

            string? blanked;
            try
            {
                blanked = Text(AdmissionReviewReader.ReadWritable([.. damaged], damaged.Length));
            }
            catch (JsonException)
            {
                blanked = null;
            }

            if (plain is not null)
            {
                blanked.ShouldBe(plain);
            }
        }, iter: 5_000);
    }

    private static string Text(AdmissionReview? review) =>
        review is null ? "null" : JsonSerializer.Serialize(review, AdmissionJsonContext.Default.AdmissionReview);
}
