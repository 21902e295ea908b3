using System.Buffers;
using CsCheck;
using Tarnfui.Core;
using Tarnfui.Core.StopRecord;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

public class PlainPatchTests
{
    // Plain characters, the two JSON escapes, a control character, DEL, non-ASCII and a surrogate pair.
    private const string Characters = "az09/~.-_ :<>&'+\"\\\n\u007fé\ud83d\ude00";

    public static TheoryData<string, PatchOperation[], bool> Documents => new()
    {
        { "the stop record", [.. StopWrites.Stop(null, null, 5, 0, Policies.OffHours, ReplicasMember.MayBeAbsent)], true },
        { "a path given as segments, not a kept path", [PatchOperation.Add(new PatchValue.Number(0), "spec", "replicas")], false },
        { "a value with a quote", [PatchOperation.Add(new PatchValue.Text("say \"hi\""), new PatchPath("metadata", "annotations", "a"))], false },
        { "a value with a backslash", [PatchOperation.Add(new PatchValue.Text("C:\\"), new PatchPath("metadata", "annotations", "a"))], false },
        { "a value outside ASCII", [PatchOperation.Add(new PatchValue.Text("é"), new PatchPath("metadata", "annotations", "a"))], false },
        { "a map key with a control character", [PatchOperation.Add(new PatchValue.Map([new("a\nb", "1")]), new PatchPath("metadata", "labels"))], false },
        { "a key with a slash and a tilde", [PatchOperation.Add(new PatchValue.Text("1"), new PatchPath("metadata", "annotations", "a~/b"))], true },
        { "every kind of operation and value", [
            PatchOperation.Test(PatchValue.Absent, new PatchPath("metadata", "annotations", WellKnown.Annotations.OriginalReplicas)),
            PatchOperation.Replace(new PatchValue.Number(-12), new PatchPath("spec", "replicas")),
            PatchOperation.Add(new PatchValue.Flag(true), new PatchPath("spec", "suspend")),
            PatchOperation.Add(new PatchValue.Map([new("app", "api"), new(WellKnown.Labels.Stopped, "true")]), new PatchPath("metadata", "labels")),
            PatchOperation.Remove(new PatchPath("metadata", "annotations", WellKnown.Annotations.HeldReplicas)),
        ], true },
    };

    [Theory, MemberData(nameof(Documents))]
    public void A_document_is_written_plain_only_when_nothing_needs_escaping_and_then_as_the_writer_writes_it(string because, PatchOperation[] operations, bool plain)
    {
        var buffer = new ArrayBufferWriter<byte>();

        PlainPatch.TryWrite(operations, buffer).ShouldBe(plain, because);

        JsonPatchEncoder.Encode(operations).ShouldBe(Writer(operations), because);
        // Refused, it leaves the buffer as it found it, for the writer to start afresh.
        buffer.WrittenSpan.ToArray().ShouldBe(plain ? Writer(operations) : [], because);
    }

    [Fact]
    public void Any_document_is_encoded_byte_for_byte_as_the_writer_encodes_it()
    {
        var text = Gen.String[Gen.Char[Characters], 0, 12];
        var plainText = Gen.String[Gen.Char["az09/~.-_ "], 1, 12];
        var anyText = Gen.Frequency((3, plainText), (1, text));
        var value = Gen.OneOf<PatchValue?>(
            Gen.Const((PatchValue?)null),
            Gen.Const((PatchValue?)PatchValue.Absent),
            Gen.Int.Select(n => (PatchValue?)new PatchValue.Number(n)),
            Gen.Bool.Select(b => (PatchValue?)new PatchValue.Flag(b)),
            anyText.Select(t => (PatchValue?)new PatchValue.Text(t)),
            Gen.Select(anyText, anyText).Array[0, 3].Select(e => (PatchValue?)new PatchValue.Map([.. e.Select(p => KeyValuePair.Create(p.Item1, p.Item2))])));
        var path = anyText.Array[1, 4].Select(segments => (IReadOnlyList<string>)new PatchPath(segments));
        var operation = Gen.Select(Gen.Enum<PatchOperationKind>(), path, value, (kind, p, v) => new PatchOperation(kind, p, v));

        operation.Array[0, 6].Sample(
            operations => JsonPatchEncoder.Encode(operations).ShouldBe(Writer(operations)),
            iter: 5_000,
            print: operations => string.Join("; ", operations.Select(o => o.ToString())));
    }

    private static byte[] Writer(PatchOperation[] operations) =>
        JsonPatchEncoder.EncodeWithWriter(operations, new ArrayBufferWriter<byte>()).ToArray();
}
