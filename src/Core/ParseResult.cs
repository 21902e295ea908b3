using System.Diagnostics.CodeAnalysis;

namespace Tarnfui.Core;

/// <summary>
/// The outcome of reading text a person wrote: a value, or an error message that names the input,
/// the rule it breaks and a valid example. Expected failures are values, never exceptions.
/// </summary>
public readonly record struct ParseResult<T>
{
    private readonly T? _value;

    private ParseResult(T? value, string? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The message when the input was invalid; null when it was valid.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    /// <summary>The parsed value; throws when the input was invalid, so check <see cref="IsValid"/> first.</summary>
    public T Value => IsValid ? _value! : throw new InvalidOperationException($"No value: {Error}");

    public static ParseResult<T> Ok(T value) => new(value, null);

    public static ParseResult<T> Fail(string error) => new(default, error);

    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return IsValid;
    }
}
