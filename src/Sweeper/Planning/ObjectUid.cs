namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// A Kubernetes object UID as the sweeper's caches hold it. The API server generates UIDs as lowercase RFC 4122
/// UUIDs: those are kept as 16 bytes inside the entry that holds them instead of a 36-character string of 94 bytes,
/// of which the caches held three per stopped Deployment (its ReplicaSet's, and its own in the owner cache and in
/// the view). Anything else (the field is an opaque string to clients) is kept as the string itself, so every UID
/// comes back exactly as it was read.
/// </summary>
internal readonly struct ObjectUid : IEquatable<ObjectUid>
{
    private readonly Guid _uuid;
    private readonly string? _text;

    private ObjectUid(Guid uuid, string? text)
    {
        _uuid = uuid;
        _text = text;
    }

    public static ObjectUid Of(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);

        // "D" also reads uppercase digits, which would come back lowercase: those stay strings.
        return uid.Length == 36 && !uid.AsSpan().ContainsAnyInRange('A', 'F') && Guid.TryParseExact(uid, "D", out var uuid)
            ? new ObjectUid(uuid, null)
            : new ObjectUid(Guid.Empty, uid);
    }

    public static implicit operator ObjectUid(string uid) => Of(uid);

    public static bool operator ==(ObjectUid left, ObjectUid right) => left.Equals(right);

    public static bool operator !=(ObjectUid left, ObjectUid right) => !left.Equals(right);

    public bool Equals(ObjectUid other) => _uuid == other._uuid && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ObjectUid other && Equals(other);

    public override int GetHashCode() => _text is null ? _uuid.GetHashCode() : StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>The UID as the API server wrote it.</summary>
    public override string ToString() => _text ?? _uuid.ToString("D");
}
