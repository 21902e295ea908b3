namespace Tarnfui.Webhook.Admission;

/// <summary>
/// One RFC 6902 <c>add</c> operation. The path is kept as raw segments (<c>["metadata", "annotations",
/// "tarnfui.io/stopped-at"]</c>); only the encoder escapes them. <c>add</c> on an existing member replaces it,
/// so the same operation serves objects that already carry the key.
/// </summary>
public sealed record PatchOperation(IReadOnlyList<string> Path, PatchValue Value)
{
    public static PatchOperation Add(PatchValue value, params string[] path) => new(path, value);

    public override string ToString() => $"add /{string.Join('/', Path)} = {Value}";
}

/// <summary>The values the webhook writes: a replica count, a string, or a whole string map.</summary>
public abstract record PatchValue
{
    private PatchValue()
    {
    }

    public sealed record Number(int Value) : PatchValue
    {
        public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed record Text(string Value) : PatchValue
    {
        public override string ToString() => $"\"{Value}\"";
    }

    public sealed record Map(IReadOnlyList<KeyValuePair<string, string>> Entries) : PatchValue
    {
        public override string ToString() => "{" + string.Join(", ", Entries.Select(e => $"\"{e.Key}\": \"{e.Value}\"")) + "}";
    }
}
