using System.Text.Json;
using System.Text.Json.Serialization;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The <c>patch</c> of an answer: the operations the webhook decided, written as the base64 of their RFC 6902 document
/// (<see cref="JsonPatchEncoder"/>) straight into the answer, without an array of the document's bytes in between; or,
/// for an answer read back (a test of what was sent), the document as it was read.
/// </summary>
[JsonConverter(typeof(PatchDocumentConverter))]
internal sealed class PatchDocument
{
    private readonly byte[]? _read;

    public PatchDocument(IReadOnlyList<PatchOperation> operations) =>
        Operations = operations ?? throw new ArgumentNullException(nameof(operations));

    private PatchDocument(byte[] read) => _read = read;

    /// <summary>The operations decided; null for a document read from an answer.</summary>
    public IReadOnlyList<PatchOperation>? Operations { get; }

    /// <summary>A document as an answer carried it.</summary>
    public static PatchDocument Read(byte[] document) => new(document ?? throw new ArgumentNullException(nameof(document)));

    /// <summary>The document's UTF-8 bytes: those read, or the operations encoded in this thread's buffer (<see cref="JsonPatchEncoder.EncodeInPlace"/>).</summary>
    public ReadOnlySpan<byte> Utf8() => _read ?? JsonPatchEncoder.EncodeInPlace(Operations!);
}

/// <summary>Reads and writes a <see cref="PatchDocument"/> as the serializer does a byte array: one base64 string.</summary>
internal sealed class PatchDocumentConverter : JsonConverter<PatchDocument>
{
    public override PatchDocument Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PatchDocument.Read(reader.GetBytesFromBase64());

    public override void Write(Utf8JsonWriter writer, PatchDocument value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteBase64StringValue(value.Utf8());
    }
}
