using System.Globalization;

namespace Tarnfui.Core.StopRecord;

/// <summary>The values Tarnfui writes or tests: a count, a boolean, a string, a whole string map, or null (absent). A closed family.</summary>
public abstract record PatchValue
{
    private PatchValue()
    {
    }

    /// <summary>The JSON <c>null</c>: in a <c>test</c>, "the member is absent".</summary>
    public static readonly PatchValue Absent = new Null();

    public sealed record Number(int Value) : PatchValue
    {
        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A JSON boolean: <c>spec.suspend</c>.</summary>
    public sealed record Flag(bool Value) : PatchValue
    {
        public override string ToString() => Value ? "true" : "false";
    }

    public sealed record Text(string Value) : PatchValue
    {
        public override string ToString() => $"\"{Value}\"";
    }

    /// <summary>A whole map, written where the object has none (JSON Patch cannot add a key into a missing map).</summary>
    public sealed record Map(IReadOnlyList<KeyValuePair<string, string>> Entries) : PatchValue
    {
        public override string ToString() => "{" + string.Join(", ", Entries.Select(e => $"\"{e.Key}\": \"{e.Value}\"")) + "}";
    }

    public sealed record Null : PatchValue
    {
        public override string ToString() => "null";
    }

    /// <summary>A text value, or <see cref="Absent"/> for null.</summary>
    public static PatchValue TextOrAbsent(string? value) => value is null ? Absent : new Text(value);
}
