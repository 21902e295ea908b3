using CsCheck;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// The labels' map as the reader keeps them: the same entries, order and lookups as a Dictionary filled by its
/// indexer, whether it stays an array or grows into a Dictionary past <see cref="CompactMap.MaxEntries"/> keys.
/// </summary>
public class CompactMapTests
{
    [Fact]
    public void A_key_given_twice_keeps_its_first_place_and_its_last_value()
    {
        var map = Build(("app", "api"), ("tier", "web"), ("app", "shop"));

        map.ShouldBe([new("app", "shop"), new("tier", "web")]);
        map["app"].ShouldBe("shop");
        map.Count.ShouldBe(2);
    }

    [Fact]
    public void Lookups_compare_keys_ordinally_and_a_missing_key_is_not_found()
    {
        var map = Build(("app", "api"), ("App", "other"));

        map.TryGetValue("app", out var value).ShouldBeTrue();
        value.ShouldBe("api");
        map.ContainsKey("APP").ShouldBeFalse();
        map.TryGetValue("missing", out _).ShouldBeFalse();
        Should.Throw<KeyNotFoundException>(() => map["missing"]);
        map.Keys.ShouldBe(["app", "App"]);
        map.Values.ShouldBe(["api", "other"]);
    }

    [Fact]
    public void A_null_value_is_kept_for_the_decoder_to_refuse()
    {
        var map = Build(("app", null!));

        map.TryGetValue("app", out var value).ShouldBeTrue();
        value.ShouldBeNull();
    }

    [Theory]
    [InlineData(0, typeof(CompactMap))]
    [InlineData(CompactMap.MaxEntries, typeof(CompactMap))]
    [InlineData(CompactMap.MaxEntries + 1, typeof(Dictionary<string, string>))]
    public void Up_to_the_most_entries_the_map_is_an_array_and_past_them_a_dictionary(int keys, Type kept)
    {
        var map = Build([.. Enumerable.Range(0, keys).Select(i => ($"k{i}", $"v{i}"))]);

        map.ShouldBeOfType(kept);
        map.Count.ShouldBe(keys);
    }

    [Fact]
    public void Each_map_built_on_a_thread_starts_empty()
    {
        Build(("a", "1"), ("b", "2"));

        Build(("c", "3")).ShouldBe([new("c", "3")]);
    }

    [Fact]
    public void Any_sequence_of_entries_gives_what_a_dictionary_filled_by_its_indexer_gives()
    {
        Gen.Select(Gen.Int[0, 24], Gen.Int[0, 3]).Array[0, 40].Sample(entries =>
        {
            var pairs = entries.Select(e => ($"k{e.Item1}", $"v{e.Item2}")).ToArray();
            var expected = new Dictionary<string, string>();
            foreach (var (key, value) in pairs)
            {
                expected[key] = value;
            }

            var map = Build(pairs);

            map.ShouldBe(expected);
            foreach (var key in Enumerable.Range(0, 26).Select(i => $"k{i}"))
            {
                map.TryGetValue(key, out var value).ShouldBe(expected.TryGetValue(key, out var wanted));
                value.ShouldBe(wanted);
            }
        }, iter: 2_000);
    }

    private static IReadOnlyDictionary<string, string> Build(params (string Key, string Value)[] entries)
    {
        var builder = new CompactMap.Builder();
        foreach (var (key, value) in entries)
        {
            builder.Set(key, value);
        }

        return builder.ToMap();
    }
}
