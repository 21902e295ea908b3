using System.Globalization;

namespace Tarnfui.Core.Scope;

/// <summary>
/// Reads a label selector's text one requirement at a time, left to right, keeping the position for the error
/// messages. Keys and values are checked as Kubernetes checks label keys and values.
/// </summary>
internal sealed class LabelSelectorReader(string text)
{
    private const int MaxNameLength = 63;
    private const int MaxPrefixLength = 253;
    private const int ExcerptLength = 20;

    private int _position;

    public bool AtEnd
    {
        get
        {
            SkipSpaces();
            return _position == text.Length;
        }
    }

    public bool TryComma()
    {
        SkipSpaces();
        if (_position < text.Length && text[_position] == ',')
        {
            _position++;
            return true;
        }

        return false;
    }

    public ParseResult<LabelRequirement> ReadRequirement()
    {
        SkipSpaces();
        if (_position < text.Length && text[_position] == '!')
        {
            _position++;
            var absent = ReadKey();
            return absent.IsValid ? Ok(absent.Value, LabelOperator.DoesNotExist) : Fail(absent.Error);
        }

        var key = ReadKey();
        if (!key.IsValid)
        {
            return Fail(key.Error);
        }

        SkipSpaces();
        if (_position == text.Length || text[_position] == ',')
        {
            return Ok(key.Value, LabelOperator.Exists);
        }

        if (Take("==") || Take("="))
        {
            return Single(key.Value, LabelOperator.Equals);
        }

        if (Take("!="))
        {
            return Single(key.Value, LabelOperator.NotEquals);
        }

        var start = _position;
        var word = ReadWhile(char.IsAsciiLetterLower);
        return word switch
        {
            "in" => Set(key.Value, LabelOperator.In),
            "notin" => Set(key.Value, LabelOperator.NotIn),
            _ => FailAt(start, "expected '=', '==', '!=', 'in', 'notin', ',' or the end after a label key"),
        };
    }

    public string Error(string what) => ErrorAt(_position, what);

    private ParseResult<LabelRequirement> Single(string key, LabelOperator op)
    {
        var value = ReadValue();
        return value.IsValid ? Ok(key, op, value.Value) : Fail(value.Error);
    }

    private ParseResult<LabelRequirement> Set(string key, LabelOperator op)
    {
        SkipSpaces();
        if (!Take("("))
        {
            return FailAt(_position, $"expected '(' to open the values of '{(op == LabelOperator.In ? "in" : "notin")}'");
        }

        var values = new List<string>();
        do
        {
            var value = ReadValue();
            if (!value.IsValid)
            {
                return Fail(value.Error);
            }

            values.Add(value.Value);
        }
        while (TryComma());

        SkipSpaces();
        return Take(")") ? Ok(key, op, [.. values]) : FailAt(_position, "expected ',' or ')' in a list of values");
    }

    // A key is [prefix/]name: the prefix a DNS subdomain, the name at most 63 letters, digits, '-', '_' and '.',
    // beginning and ending with a letter or digit.
    private ParseResult<string> ReadKey()
    {
        SkipSpaces();
        var start = _position;
        var key = ReadWhile(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/');
        if (key.Length == 0)
        {
            return ParseResult<string>.Fail(ErrorAt(start, "expected a label key"));
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        var prefix = slash < 0 ? null : key[..slash];
        if (!IsName(name) || (prefix is not null && !IsPrefix(prefix)))
        {
            return ParseResult<string>.Fail(ErrorAt(start,
                $"\"{key}\" is not a label key: [prefix/]name, the name at most {MaxNameLength} letters, digits, '-', '_' or '.' " +
                "beginning and ending with a letter or digit, the prefix a DNS subdomain; example: \"app.kubernetes.io/tier\""));
        }

        return ParseResult<string>.Ok(key);
    }

    // A value may be empty ("a=" selects the label set to ""); otherwise it is a name as in a key.
    private ParseResult<string> ReadValue()
    {
        SkipSpaces();
        var start = _position;
        var value = ReadWhile(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        return value.Length == 0 || IsName(value)
            ? ParseResult<string>.Ok(value)
            : ParseResult<string>.Fail(ErrorAt(start,
                $"\"{value}\" is not a label value: at most {MaxNameLength} letters, digits, '-', '_' or '.', beginning and ending with a letter or digit"));
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= MaxNameLength && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsPrefix(string prefix) =>
        prefix.Length is > 0 and <= MaxPrefixLength
        && prefix.Split('.').All(part => part.Length > 0 && IsLowerAlphanumeric(part[0]) && IsLowerAlphanumeric(part[^1])
            && part.All(c => IsLowerAlphanumeric(c) || c == '-'));

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private string ReadWhile(Func<char, bool> accept)
    {
        var start = _position;
        while (_position < text.Length && accept(text[_position]))
        {
            _position++;
        }

        return text[start.._position];
    }

    private bool Take(string token)
    {
        if (string.CompareOrdinal(text, _position, token, 0, token.Length) == 0)
        {
            _position += token.Length;
            return true;
        }

        return false;
    }

    private void SkipSpaces()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }
    }

    private string ErrorAt(int position, string what)
    {
        var near = position >= text.Length
            ? "the end"
            : $"\"{text.Substring(position, Math.Min(ExcerptLength, text.Length - position))}\"";
        return $"at position {(position + 1).ToString(CultureInfo.InvariantCulture)}, {near}: {what}; example: \"tier in (db),!canary\"";
    }

    private ParseResult<LabelRequirement> FailAt(int position, string what) => Fail(ErrorAt(position, what));

    private static ParseResult<LabelRequirement> Fail(string error) => ParseResult<LabelRequirement>.Fail(error);

    private static ParseResult<LabelRequirement> Ok(string key, LabelOperator op, params string[] values) =>
        ParseResult<LabelRequirement>.Ok(new LabelRequirement(key, op, values));
}
