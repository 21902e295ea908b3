using System.Globalization;

namespace Tarnfui.Emulator.Store;

/// <summary>
/// A parsed label selector with the grammar of k8s.io/apimachinery/pkg/labels: comma-separated requirements
/// <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>, <c>k&gt;n</c>, <c>k&lt;n</c>.
/// As there, <c>!=</c> and <c>notin</c> also match objects without the key.
/// </summary>
public sealed class LabelSelector
{
    private enum Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist, GreaterThan, LessThan }

    private sealed record Requirement(string Key, Op Op, IReadOnlyList<string> Values);

    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    /// <summary>The selector that matches everything.</summary>
    public static readonly LabelSelector Everything = new([]);

    public bool IsEverything => _requirements.Count == 0;

    /// <summary>Parses a selector; a malformed one throws a 400 <see cref="StatusException"/> as the real server answers.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Requirement>();
        var position = 0;
        while (position < text.Length)
        {
            requirements.Add(ParseRequirement(text, ref position));
            SkipSpaces(text, ref position);
            if (position < text.Length)
            {
                if (text[position] != ',')
                {
                    throw Invalid(text, $"found '{text[position]}', expected: ',' or end of string");
                }

                position++;
            }
        }

        return new LabelSelector(requirements);
    }

    public bool Matches(StoredObject obj)
    {
        foreach (var requirement in _requirements)
        {
            if (!Matches(requirement, obj.Label(requirement.Key)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Matches(Requirement requirement, string? value) => requirement.Op switch
    {
        Op.Equals or Op.In => value is not null && requirement.Values.Contains(value),
        Op.NotEquals or Op.NotIn => value is null || !requirement.Values.Contains(value),
        Op.Exists => value is not null,
        Op.DoesNotExist => value is null,
        Op.GreaterThan => TryNumber(value, out var g) && g > long.Parse(requirement.Values[0], CultureInfo.InvariantCulture),
        Op.LessThan => TryNumber(value, out var l) && l < long.Parse(requirement.Values[0], CultureInfo.InvariantCulture),
        _ => false,
    };

    private static bool TryNumber(string? value, out long number) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out number);

    private static Requirement ParseRequirement(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        if (position < text.Length && text[position] == '!')
        {
            position++;
            SkipSpaces(text, ref position);
            return new Requirement(ReadIdentifier(text, ref position), Op.DoesNotExist, []);
        }

        var key = ReadIdentifier(text, ref position);
        SkipSpaces(text, ref position);
        if (position >= text.Length || text[position] == ',')
        {
            return new Requirement(key, Op.Exists, []);
        }

        if (Take(text, ref position, "==") || Take(text, ref position, "="))
        {
            return new Requirement(key, Op.Equals, [ReadValue(text, ref position)]);
        }

        if (Take(text, ref position, "!="))
        {
            return new Requirement(key, Op.NotEquals, [ReadValue(text, ref position)]);
        }

        if (Take(text, ref position, ">") || Take(text, ref position, "<"))
        {
            var op = text[position - 1] == '>' ? Op.GreaterThan : Op.LessThan;
            var number = ReadValue(text, ref position);
            return TryNumber(number, out _)
                ? new Requirement(key, op, [number])
                : throw Invalid(text, $"for 'Gt', 'Lt' operators, the value must be an integer");
        }

        var word = ReadIdentifier(text, ref position);
        var setOp = word switch
        {
            "in" => Op.In,
            "notin" => Op.NotIn,
            _ => throw Invalid(text, $"found '{word}', expected: in, notin, =, ==, !=, gt, lt"),
        };
        SkipSpaces(text, ref position);
        if (!Take(text, ref position, "("))
        {
            throw Invalid(text, "found end of string, expected: '('");
        }

        var values = new List<string>();
        while (true)
        {
            values.Add(ReadValue(text, ref position));
            SkipSpaces(text, ref position);
            if (Take(text, ref position, ")"))
            {
                return new Requirement(key, setOp, values);
            }

            if (!Take(text, ref position, ","))
            {
                throw Invalid(text, "found end of string, expected: ',', ')'");
            }
        }
    }

    private static string ReadIdentifier(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        var start = position;
        while (position < text.Length && IsNameChar(text[position]))
        {
            position++;
        }

        return position > start ? text[start..position] : throw Invalid(text, "found end of string, expected: identifier");
    }

    private static string ReadValue(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        var start = position;
        while (position < text.Length && IsNameChar(text[position]))
        {
            position++;
        }

        return text[start..position];
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/';

    private static bool Take(string text, ref int position, string token)
    {
        if (string.CompareOrdinal(text, position, token, 0, token.Length) == 0)
        {
            position += token.Length;
            return true;
        }

        return false;
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }
    }

    private static StatusException Invalid(string text, string problem) =>
        StatusException.BadRequest($"unable to parse requirement: couldn't parse the selector string \"{text}\": {problem}");
}
