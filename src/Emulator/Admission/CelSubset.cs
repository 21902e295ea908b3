using System.Text;
using System.Text.Json.Nodes;
using Tarnfui.Core;

namespace Tarnfui.Emulator.Admission;

/// <summary>
/// The small part of CEL that webhook <c>matchConditions</c> use in practice: string, bool and number
/// literals, member paths from the variables (<c>request</c>, <c>object</c>, <c>oldObject</c>), <c>==</c>,
/// <c>!=</c>, <c>in</c> (value in a list), <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and parentheses.
/// Anything else is an error, which the caller treats per the webhook's failurePolicy, as the API server
/// treats a CEL runtime error.
/// </summary>
public static class CelSubset
{
    /// <summary>Evaluates <paramref name="expression"/> to a bool against <paramref name="variables"/>.</summary>
    public static ParseResult<bool> Evaluate(string expression, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        try
        {
            var parser = new Parser(Tokenize(expression), variables);
            var value = parser.ParseOr();
            parser.ExpectEnd();
            return value is JsonValue v && v.TryGetValue<bool>(out var result)
                ? ParseResult<bool>.Ok(result)
                : ParseResult<bool>.Fail($"expression \"{expression}\" does not evaluate to a bool");
        }
        catch (FormatException ex)
        {
            return ParseResult<bool>.Fail($"expression \"{expression}\" is outside the supported CEL subset: {ex.Message}; example: request.userInfo.username != 'system:serviceaccount:ns:name'");
        }
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var sb = new StringBuilder().Append('\'');
                i++;
                while (i < text.Length && text[i] != c)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    sb.Append(text[i++]);
                }

                if (i >= text.Length)
                {
                    throw new FormatException("unterminated string literal");
                }

                i++;
                tokens.Add(sb.ToString());
            }
            else if (i + 1 < text.Length && text.Substring(i, 2) is "==" or "!=" or "&&" or "||")
            {
                tokens.Add(text.Substring(i, 2));
                i += 2;
            }
            else if (c is '!' or '(' or ')' or '.' or '[' or ']' or ',')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else
            {
                throw new FormatException($"unexpected character '{c}'");
            }
        }

        return tokens;
    }

    private sealed class Parser(List<string> tokens, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        private int _position;

        private string? Peek => _position < tokens.Count ? tokens[_position] : null;

        public void ExpectEnd()
        {
            if (Peek is not null)
            {
                throw new FormatException($"unexpected \"{Peek}\"");
            }
        }

        public JsonNode? ParseOr()
        {
            var left = ParseAnd();
            while (Peek == "||")
            {
                _position++;
                var right = ParseAnd();
                left = JsonValue.Create(AsBool(left) || AsBool(right));
            }

            return left;
        }

        private JsonNode? ParseAnd()
        {
            var left = ParseUnary();
            while (Peek == "&&")
            {
                _position++;
                var right = ParseUnary();
                left = JsonValue.Create(AsBool(left) && AsBool(right));
            }

            return left;
        }

        private JsonNode? ParseUnary()
        {
            if (Peek == "!")
            {
                _position++;
                return JsonValue.Create(!AsBool(ParseUnary()));
            }

            var left = ParseOperand();
            switch (Peek)
            {
                case "==":
                case "!=":
                    var op = tokens[_position++];
                    var right = ParseOperand();
                    return JsonValue.Create(JsonNode.DeepEquals(left, right) == (op == "=="));
                case "in":
                    _position++;
                    var list = ParseOperand() as JsonArray ?? throw new FormatException("the right side of \"in\" is not a list");
                    return JsonValue.Create(list.Any(item => JsonNode.DeepEquals(item, left)));
                default:
                    return left;
            }
        }

        private JsonNode? ParseOperand()
        {
            var token = Peek ?? throw new FormatException("the expression ends early");
            _position++;
            if (token == "(")
            {
                var inner = ParseOr();
                Expect(")");
                return inner;
            }

            if (token == "[")
            {
                var list = new JsonArray();
                while (Peek != "]")
                {
                    list.Add(ParseOperand());
                    if (Peek == ",")
                    {
                        _position++;
                    }
                }

                _position++;
                return list;
            }

            if (token[0] == '\'')
            {
                return JsonValue.Create(token[1..]);
            }

            if (token is "true" or "false")
            {
                return JsonValue.Create(token == "true");
            }

            if (char.IsAsciiDigit(token[0]))
            {
                return JsonValue.Create(long.Parse(token, System.Globalization.CultureInfo.InvariantCulture));
            }

            if (!variables.TryGetValue(token, out var node))
            {
                throw new FormatException($"unknown identifier \"{token}\"");
            }

            while (Peek == ".")
            {
                _position++;
                var member = Peek ?? throw new FormatException("a member name is missing after \".\"");
                _position++;
                if (Peek == "(")
                {
                    throw new FormatException($"function \"{member}\" is not supported");
                }

                // CEL raises "no such key" on a missing field; an error here follows the failurePolicy.
                node = node is JsonObject obj && obj.TryGetPropertyValue(member, out var child)
                    ? child
                    : throw new FormatException($"no such key: {member}");
            }

            return node;
        }

        private void Expect(string token)
        {
            if (Peek != token)
            {
                throw new FormatException($"expected \"{token}\"");
            }

            _position++;
        }

        private static bool AsBool(JsonNode? node) =>
            node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw new FormatException("a boolean operator got a non-bool operand");
    }
}
