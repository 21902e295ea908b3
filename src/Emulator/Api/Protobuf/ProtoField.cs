namespace Tarnfui.Emulator.Api.Protobuf;

/// <summary>How one field of a Kubernetes protobuf message turns into JSON.</summary>
public enum ProtoFieldKind
{
    Text,
    Number,
    Flag,

    /// <summary><c>bytes</c>: base64 in JSON, as Go's encoding/json writes <c>[]byte</c>.</summary>
    Bytes,

    /// <summary>A nested message, described by <see cref="ProtoField.Message"/>.</summary>
    Message,

    /// <summary><c>map&lt;string, string&gt;</c>, on the wire a repeated entry of key = 1, value = 2.</summary>
    TextMap,

    /// <summary><c>map&lt;string, bytes&gt;</c>.</summary>
    BytesMap,

    /// <summary><c>map&lt;string, Quantity&gt;</c>: resource lists.</summary>
    QuantityMap,

    /// <summary>meta/v1 <c>Time</c> (seconds = 1, nanos = 2) → RFC 3339.</summary>
    Time,

    /// <summary>resource <c>Quantity</c> (string = 1) → its string.</summary>
    Quantity,

    /// <summary>util/intstr <c>IntOrString</c> (type = 1, intVal = 2, strVal = 3) → a number or a string.</summary>
    IntOrString,

    /// <summary>A field whose whole content the sandbox drops (status on create: the server owns it).</summary>
    Ignored,
}

/// <summary>
/// One field of a message: its JSON name and kind; <see cref="Repeated"/> for lists; <see cref="KeepsZero"/> when the Go
/// field is a pointer, so a zero that was sent means zero (gogo-protobuf writes every non-pointer field, set or
/// not, and the API server's JSON then leaves their zero values out).
/// </summary>
public sealed record ProtoField(string Name, ProtoFieldKind Kind, string? Message = null, bool Repeated = false, bool KeepsZero = false);
