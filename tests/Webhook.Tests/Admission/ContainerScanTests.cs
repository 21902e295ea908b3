using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// The scan that finds a skipped container's end, 64 bytes at a time: it places and leaves exactly what the
/// byte-by-byte scan does, on JSON and on anything else, across block boundaries.
/// </summary>
public class ContainerScanTests
{
    // Long enough that the blocks, not the last bytes, decide.
    private static readonly string Padding = new(' ', 130);

    public static TheoryData<string, string, bool> Cases => new()
    {
        { "an object spanning three blocks", "{\"a\":\"" + new string('x', 150) + "\",\"b\":[1,2]}", true },
        { "a string of brackets across a block boundary", "{\"a\":\"" + new string('}', 120) + "\"}", true },
        { "an escaped quote as a block's last byte", "{\"a\":\"" + new string('x', 56) + "\\\"\",\"b\":1}", true },
        { "an escaped quote as the next block's first byte", "{\"a\":\"" + new string('x', 57) + "\\\"\",\"b\":1}", true },
        { "a run of 64 backslashes across a block boundary", "{\"a\":\"" + new string('\\', 64) + "\"}", true },
        { "a run of 65 backslashes, the last escaping a quote", "{\"a\":\"" + new string('\\', 65) + "\"}\"}", true },
        { "a control character in a string in the second block", "{\"a\":\"" + new string('x', 70) + "\u0001\"}", false },
        { "an escaped control character", "{\"a\":\"" + new string('x', 70) + "\\\u0001\"}", true },
        { "a control character outside strings", "{\"a\":\u0001" + new string('1', 70) + "}", true },
        { "a backslash outside strings escapes nothing", "{\\\"a\":" + new string('1', 70) + "}", true },
        { "a backslash outside strings before a quote that closes", "{\"a\":1,\\\"b\":\"}\"" + new string('1', 70) + "}", true },
        { "brackets that do not match in the second block", "{\"a\":[" + new string('1', 70) + "}}", false },
        { "nesting past the limit in the second block", "[" + new string(' ', 70) + new string('[', 63) + new string(']', 64), false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Both_ways_place_or_leave_the_same_container(string because, string json, bool placed)
    {
        var bytes = Encoding.UTF8.GetBytes(json + Padding);

        var inBlocks = ContainerScan.TryFind(bytes, 0, 1, vectors: true, out var start, out var end);
        var byteByByte = ContainerScan.TryFind(bytes, 0, 1, vectors: false, out var expectedStart, out var expectedEnd);

        byteByByte.ShouldBe(placed, because);
        inBlocks.ShouldBe(placed, because);
        if (placed)
        {
            (start, end).ShouldBe((expectedStart, expectedEnd), because);
            end.ShouldBe(json.Length, because);
        }
    }

    [Fact]
    public void A_container_that_ends_in_the_bytes_after_the_last_whole_block_is_placed_byte_by_byte_from_there()
    {
        // The block ends on a run of 61 backslashes, so the quote that follows it is escaped; the next one closes.
        var bytes = Encoding.UTF8.GetBytes("[\"x" + new string('\\', 61) + "\"\"" + new string('1', 40) + "]");

        ContainerScan.TryFind(bytes, 0, 1, vectors: true, out var start, out var end).ShouldBeTrue();

        (start, end).ShouldBe((0, bytes.Length));
    }

    [Theory]
    [InlineData(0b1UL, 0UL, 0b10UL, 0UL)]
    [InlineData(0b11UL, 0UL, 0UL, 0UL)]
    [InlineData(0b111UL, 0UL, 0b1000UL, 0UL)]
    [InlineData(0UL, 1UL, 0b1UL, 0UL)]
    [InlineData(0b1UL, 1UL, 0UL, 0UL)]
    [InlineData(0x8000000000000000UL, 0UL, 0UL, 1UL)]
    [InlineData(0xC000000000000000UL, 0UL, 0UL, 0UL)]
    [InlineData(ulong.MaxValue, 0UL, 0UL, 0UL)]
    [InlineData(ulong.MaxValue, 1UL, 0UL, 1UL)]
    public void The_escaped_bytes_follow_runs_of_backslashes_of_odd_length(ulong backslashes, ulong carriedIn, ulong escaped, ulong carriedOut)
    {
        var oddRun = carriedIn;

        ContainerScan.Escaped(backslashes, ref oddRun).ShouldBe(escaped);
        oddRun.ShouldBe(carriedOut);
    }

    [Fact]
    public void The_escaped_bytes_are_those_a_byte_by_byte_count_finds_over_several_blocks()
    {
        Gen.ULong.Array[1, 4].Sample(blocks =>
        {
            var oddRun = 0UL;
            var inRun = 0;
            foreach (var backslashes in blocks)
            {
                var expected = 0UL;
                for (var bit = 0; bit < 64; bit++)
                {
                    var backslash = ((backslashes >> bit) & 1) != 0;
                    if (!backslash && inRun % 2 == 1)
                    {
                        expected |= 1UL << bit;
                    }

                    inRun = backslash ? inRun + 1 : 0;
                }

                ContainerScan.Escaped(backslashes, ref oddRun).ShouldBe(expected);
                oddRun.ShouldBe(inRun % 2 == 1 ? 1UL : 0UL);
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Any_bytes_at_all_are_placed_or_left_alike_both_ways()
    {
        var alphabet = "\"\\{}[]:, a1\n\u0001"u8.ToArray();
        Gen.Select(Gen.Int[0, alphabet.Length - 1].Array[0, 400], Gen.Int[0, 3], Gen.Int[1, 60]).Sample((picks, from, depth) =>
        {
            byte[] bytes = [(byte)'{', .. picks.Select(p => alphabet[p])];
            SameBothWays(bytes, Math.Min(from, bytes.Length), depth);
        }, iter: 20_000);
    }

    [Fact]
    public void Any_JSON_long_or_short_whole_or_damaged_is_placed_or_left_alike_both_ways()
    {
        Gen.Select(Json(4), Gen.Int[0, 400], Gen.Int[0, 12], Gen.Int[0, 2]).Sample((node, at, pick, how) =>
        {
            var json = Encoding.UTF8.GetBytes(new JsonArray(node).ToJsonString());
            var value = "\"\\{}[] a\n\u0001"u8[pick % 10];
            at = Math.Min(at, json.Length - 1);
            byte[] bytes = how switch
            {
                0 => json,
                1 => [.. json[..at], value, .. json[(at + 1)..]],
                _ => [.. json[..at], value, .. json[at..]],
            };

            SameBothWays([.. bytes, .. Encoding.UTF8.GetBytes(Padding)], 0, 1);
        }, iter: 10_000);
    }

    private static void SameBothWays(byte[] bytes, int from, int depth)
    {
        var inBlocks = ContainerScan.TryFind(bytes, from, depth, vectors: true, out var start, out var end);
        var byteByByte = ContainerScan.TryFind(bytes, from, depth, vectors: false, out var expectedStart, out var expectedEnd);

        inBlocks.ShouldBe(byteByByte, Encoding.UTF8.GetString(bytes));
        if (byteByByte)
        {
            (start, end).ShouldBe((expectedStart, expectedEnd), Encoding.UTF8.GetString(bytes));
        }
    }

    // Strings long enough to cross blocks, with quotes, backslashes and brackets in them.
    private static Gen<JsonNode?> Json(int depth) => RandomJson.Value(depth, "\"\\{}[]ab \u0001", 90);
}
