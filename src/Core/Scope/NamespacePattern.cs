namespace Tarnfui.Core.Scope;

/// <summary>
/// One entry of <c>Schedule:ExcludedNamespaces</c>: a namespace name, or a glob of one where <c>*</c> matches any run of
/// characters (none included) and <c>?</c> exactly one (<c>team-*-ci</c>, <c>*-sandbox</c>). A name without either is
/// matched exactly, and only such a name can go to the API server as a field selector.
/// </summary>
public sealed class NamespacePattern
{
    // A namespace name is an RFC 1123 label: at most 63 lowercase letters, digits and '-'.
    private const int MaxNameLength = 63;

    private NamespacePattern(string text) => Text = text;

    /// <summary>The pattern as written (trimmed).</summary>
    public string Text { get; }

    /// <summary>Whether it names one namespace exactly (no <c>*</c> or <c>?</c>).</summary>
    public bool IsExact => Text.AsSpan().IndexOfAny('*', '?') < 0;

    /// <summary>Reads one pattern; the error quotes it and names the first character that cannot be in a namespace name.</summary>
    public static ParseResult<NamespacePattern> Parse(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return ParseResult<NamespacePattern>.Fail("an empty entry is not a namespace; example: \"team-*-ci\"");
        }

        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '*' or '?'))
            {
                return ParseResult<NamespacePattern>.Fail(
                    $"\"{trimmed}\": '{c}' at position {i + 1} cannot be in a namespace name (lowercase letters, digits and '-'), " +
                    "nor is it a wildcard ('*' any run of characters, '?' one); example: \"team-*-ci\"");
            }
        }

        var pattern = new NamespacePattern(trimmed);
        return pattern.IsExact && trimmed.Length > MaxNameLength
            ? ParseResult<NamespacePattern>.Fail($"\"{trimmed}\" is longer than a namespace name can be ({MaxNameLength} characters)")
            : ParseResult<NamespacePattern>.Ok(pattern);
    }

    /// <summary>Whether <paramref name="namespace"/> matches the whole pattern.</summary>
    public bool Matches(string @namespace)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        return IsExact ? string.Equals(Text, @namespace, StringComparison.Ordinal) : GlobMatches(Text, @namespace);
    }

    public override string ToString() => Text;

    // The classic wildcard walk: on a mismatch after a '*', that '*' takes one more character and the walk resumes
    // there. Each '*' is retried only from its own position, so the cost stays linear in practice, with no regex.
    private static bool GlobMatches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
