using System.Text.Json.Nodes;
using CsCheck;

namespace Tarnfui.Webhook.Tests.Support;

/// <summary>
/// Any JSON at all, nested a few levels, for the tests that hold a scan or a reader to the tokenizer: strings drawn
/// from a few characters that matter to a scan (quotes, backslashes, brackets, controls) among plain ones, and members
/// whose names hold quotes and brackets too.
/// </summary>
internal static class RandomJson
{
    /// <param name="depth">How deep objects and arrays may nest.</param>
    /// <param name="characters">What strings are made of.</param>
    /// <param name="longestString">The longest string: long ones cross the 64-byte blocks of a vectorised scan.</param>
    public static Gen<JsonNode?> Value(int depth, string characters, int longestString)
    {
        var scalar = Gen.OneOf<JsonNode?>(
            Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Const(() => (JsonNode?)null),
            Gen.String[Gen.Char[characters], 0, longestString].Select(s => (JsonNode?)JsonValue.Create(s)));
        return depth == 0 ? scalar : Gen.Frequency(
            (3, scalar),
            (1, Value(depth - 1, characters, longestString).Array[0, 3].Select(items => (JsonNode?)new JsonArray([.. items]))),
            (1, Gen.Select(Gen.String[Gen.Char["ab\"{\\"], 1, 6], Value(depth - 1, characters, longestString)).Array[0, 3].Select(members =>
            {
                var o = new JsonObject();
                foreach (var (name, value) in members)
                {
                    o[name] = value;
                }

                return (JsonNode?)o;
            })));
    }
}
