using System.Text;
using System.Text.Json;
using CsCheck;
using Tarnfui.Core.StopRecord;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// The endpoint's writer answers byte for byte what the generated serializer wrote before it, for every kind of
/// decision and any text in it.
/// </summary>
public class AdmissionReviewWriterTests
{
    private const string Uid = "705ab4f5-6393-11e8-b7cc-42010a800002";

    // Text the default encoder escapes: quotes, HTML-sensitive characters, '+', control characters, non-ASCII.
    private const string Awkward = "a \"quoted\" <b>&'+ line\nbreak\ttab é 日本 😀 \\ /";

    // By name: the decision types are internal, and a theory's parameters must be public.
    private static readonly Dictionary<string, AdmissionDecision> DecisionsByName = new()
    {
        ["allowed, no warning"] = AdmissionDecision.Allow,
        ["allowed with warnings"] = new AdmissionDecision.Allowed(["tarnfui: leaving deployment shop/api alone", Awkward]),
        ["patched, the stop record"] = new AdmissionDecision.Patched(
            StopPatch.Stop(new ObjectMetadata { Name = "api" }, 5, 0, Policies.OffHours),
            ["tarnfui: deployment shop/api is stopped for off-hours (schedule \"Mon-Fri 07:00-19:00\") (or annotate tarnfui.io/exclude-until=<RFC3339>)"]),
        ["patched without a warning"] = new AdmissionDecision.Patched([PatchOperation.Add(new PatchValue.Flag(true), "spec", "suspend")], []),
        ["patched, every kind of value"] = new AdmissionDecision.Patched([
            PatchOperation.Remove("metadata", "labels", "a/b"),
            PatchOperation.Add(new PatchValue.Map([new(Awkward, Awkward)]), "metadata", "annotations"),
            PatchOperation.Replace(new PatchValue.Text(Awkward), "metadata", "annotations", "x~y"),
            PatchOperation.Test(PatchValue.Absent, "spec", "paused"),
        ], [Awkward]),
        ["denied"] = new AdmissionDecision.Denied("tarnfui: deployment shop/api is stopped for off-hours until Mon 2026-11-23 07:00 +01"),
        ["denied with awkward text"] = new AdmissionDecision.Denied(Awkward),
    };

    public static TheoryData<string> Decisions => [.. DecisionsByName.Keys];

    [Theory, MemberData(nameof(Decisions))]
    public void Every_decision_is_written_as_the_generated_serializer_wrote_it(string because)
    {
        var review = AdmissionResponses.Encode(Uid, DecisionsByName[because]);

        Written(review).ShouldBe(Generated(review), because);
    }

    [Fact]
    public void A_review_that_carries_a_request_is_written_whole()
    {
        var fixture = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deployment-scale-up.json"));
        var review = JsonSerializer.Deserialize(fixture, AdmissionJsonContext.Default.AdmissionReview)!;
        review.Response = AdmissionResponses.Encode(Uid, AdmissionDecision.Allow).Response;

        Written(review).ShouldBe(Generated(review));
    }

    [Fact]
    public void What_it_writes_reads_back_as_the_same_answer()
    {
        var patched = new AdmissionDecision.Patched(StopPatch.Stop(new ObjectMetadata { Name = "api" }, 5, 0, Policies.OffHours), [Awkward]);

        var read = JsonSerializer.Deserialize(Written(AdmissionResponses.Encode(Uid, patched)), AdmissionReviewWriter.TypeInfo)!;

        read.ApiVersion.ShouldBe(AdmissionReview.ApiVersionV1);
        read.Kind.ShouldBe(AdmissionReview.KindName);
        read.Response!.Uid.ShouldBe(Uid);
        read.Response.Allowed.ShouldBeTrue();
        read.Response.PatchType.ShouldBe(AdmissionResponses.JsonPatchType);
        read.Response.Patch.ShouldBe(JsonPatchEncoder.Encode(patched.Operations));
        read.Response.Warnings.ShouldBe([Awkward]);
    }

    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char.AlphaNumeric, 0, 40],
        Gen.OneOf(Awkward, string.Empty, "admission.k8s.io/v1", "AdmissionReview", "JSONPatch", "Forbidden"));

    private static readonly Gen<PatchValue> AnyValue = Gen.OneOf<PatchValue>(
        Gen.Int.Select(i => (PatchValue)new PatchValue.Number(i)),
        Gen.Bool.Select(b => (PatchValue)new PatchValue.Flag(b)),
        AnyText.Select(t => (PatchValue)new PatchValue.Text(t)),
        Gen.Select(AnyText, AnyText).Array[0, 3].Select(e => (PatchValue)new PatchValue.Map([.. e.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2))])),
        Gen.Const(PatchValue.Absent));

    private static readonly Gen<PatchOperation> AnyOperation = Gen.Select(
        Gen.Enum<PatchOperationKind>(), AnyValue, AnyText.Array[1, 4],
        (kind, value, path) => new PatchOperation(kind, path, kind == PatchOperationKind.Remove ? null : value));

    private static readonly Gen<AdmissionDecision> AnyDecision = Gen.OneOf<AdmissionDecision>(
        AnyText.Array[0, 3].Select(w => (AdmissionDecision)new AdmissionDecision.Allowed(w)),
        Gen.Select(AnyOperation.Array[1, 5], AnyText.Array[0, 3], (o, w) => (AdmissionDecision)new AdmissionDecision.Patched(o, w)),
        AnyText.Select(m => (AdmissionDecision)new AdmissionDecision.Denied(m)));

    [Fact]
    public void Any_decision_with_any_text_is_written_byte_for_byte_as_the_generated_serializer_writes_it() =>
        Gen.Select(AnyText, AnyDecision).Sample((uid, decision) =>
            Outcome(() => Written(AdmissionResponses.Encode(uid, decision))).ShouldBe(Outcome(() => Generated(AdmissionResponses.Encode(uid, decision)))));

    private static string Generated(AdmissionReview review) =>
        Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(review, AdmissionJsonContext.Default.AdmissionReview));

    private static string Written(AdmissionReview review) =>
        Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(review, AdmissionReviewWriter.TypeInfo));

    // Text no writer can encode (a lone surrogate) must fail alike, not be written differently.
    private static string Outcome(Func<string> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return e.GetType().Name;
        }
    }
}
