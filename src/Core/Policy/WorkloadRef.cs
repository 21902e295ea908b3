namespace Tarnfui.Core.Policy;

/// <summary>Names one workload of a <see cref="WorkloadKind"/>.</summary>
/// <remarks>
/// Formattable into a span, so that a message or log line naming it (<c>$"… {workload} …"</c>) writes the name in
/// place instead of building it as a string of its own first.
/// </remarks>
public sealed record WorkloadRef(WorkloadKind Kind, string Namespace, string Name) : ISpanFormattable
{
    /// <summary>The lower-case plural resource name, as in API paths and kubectl (<c>deployments</c>).</summary>
    public string Resource => Kind.Plural;

    /// <summary><c>deployment shop/api</c>: how messages, logs and Events name a workload.</summary>
    public override string ToString() => $"{Kind.Singular} {Namespace}/{Name}";

    /// <inheritdoc cref="ToString()"/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes <see cref="ToString()"/> into <paramref name="destination"/> when it fits.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite($"{Kind.Singular} {Namespace}/{Name}", out charsWritten);
}
