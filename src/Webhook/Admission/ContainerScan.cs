using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// Finds where a JSON object or array ends by its strings and brackets alone, for <see cref="SkippedValues"/>: 64 bytes
/// at a time where the hardware has 256-bit vectors, one byte at a time for the last bytes of a body and elsewhere.
/// Both ways place exactly the same containers and leave exactly the same ones.
/// </summary>
/// <remarks>
/// A block of 64 bytes becomes bit masks (quotes, backslashes, opening and closing brackets, control characters).
/// The characters escaped are those after a run of backslashes of odd length; the bytes inside strings are the
/// running parity of the quotes not escaped; the brackets outside strings are then visited in order, as the
/// byte-by-byte scan visits them. A backslash outside a string, which only a body that is not JSON holds, escapes
/// nothing in the byte-by-byte scan: where one comes before the scan's answer, the container is scanned again byte by
/// byte, so that both ways agree on every input.
/// </remarks>
internal static class ContainerScan
{
    private const int BlockBytes = 64;

    /// <summary>
    /// Where the object or array that starts after white space from <paramref name="from"/> ends, when its strings and
    /// brackets balance and it nests no deeper than the reader's limit of 64 allows below <paramref name="depth"/>.
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> json, int from, int depth, out int start, out int end) =>
        TryFind(json, from, depth, Vector256.IsHardwareAccelerated, out start, out end);

    /// <summary>
    /// In blocks (<paramref name="vectors"/>) or one byte at a time throughout, whatever the hardware (vectors it lacks are
    /// emulated): the tests hold both ways to each other.
    /// </summary>
    internal static bool TryFind(ReadOnlySpan<byte> json, int from, int depth, bool vectors, out int start, out int end)
    {
        start = end = 0;
        var i = from;
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        if (i >= json.Length || json[i] is not ((byte)'{' or (byte)'['))
        {
            return false;
        }

        start = i;
        var deepest = Math.Min(63, 64 - depth - 1);
        var state = new ScanState(deepest);
        if (vectors)
        {
            switch (Blocks(json, ref i, ref state, out end))
            {
                case Outcome.Found:
                    return true;
                case Outcome.Refused:
                    return false;
                case Outcome.Unsure:
                    (i, state) = (start, new ScanState(deepest));
                    break;
            }
        }

        return Bytes(json, i, ref state, out end);
    }

    private static bool Bytes(ReadOnlySpan<byte> json, int i, ref ScanState state, out int end)
    {
        end = 0;
        if (state.Escaped)
        {
            // The block before ended on a backslash in a string: this byte is the one it escapes.
            i++;
        }

        for (; i < json.Length; i++)
        {
            var b = json[i];
            if (state.InString)
            {
                if (b == (byte)'"')
                {
                    state.InString = false;
                }
                else if (b == (byte)'\\')
                {
                    // The escaped byte, whatever it is: a quote or backslash after one does not end the string.
                    i++;
                }
                else if (b < 0x20)
                {
                    return false;
                }

                continue;
            }

            if (b == (byte)'"')
            {
                state.InString = true;
            }
            else if (b is (byte)'{' or (byte)'[' or (byte)'}' or (byte)']')
            {
                switch (state.Bracket(b))
                {
                    case Outcome.Refused:
                        return false;
                    case Outcome.Found:
                        end = i + 1;
                        return true;
                }
            }
        }

        return false;
    }

    // Whole blocks from i while 64 bytes are left; Continue leaves i and the state where the bytes take over.
    private static Outcome Blocks(ReadOnlySpan<byte> json, ref int i, ref ScanState state, out int end)
    {
        end = 0;
        ref var first = ref MemoryMarshal.GetReference(json);
        var oddRun = 0UL;
        var inString = 0UL;
        for (; json.Length - i >= BlockBytes; i += BlockBytes)
        {
            var low = Vector256.LoadUnsafe(ref first, (nuint)i);
            var high = Vector256.LoadUnsafe(ref first, (nuint)(i + 32));
            var backslashes = Mask(low, high, (byte)'\\');
            var escaped = Escaped(backslashes, ref oddRun);
            var strings = PrefixXor(Mask(low, high, (byte)'"') & ~escaped) ^ inString;
            inString = (ulong)((long)strings >> 63);

            // '[' and ']' differ from '{' and '}' in the bit 0x20 alone.
            var (lowFolded, highFolded) = (low | Vector256.Create((byte)0x20), high | Vector256.Create((byte)0x20));
            var opens = Mask(lowFolded, highFolded, (byte)'{');
            var closes = Mask(lowFolded, highFolded, (byte)'}');
            var controls = Bits(Vector256.LessThan(low, Vector256.Create((byte)0x20)), Vector256.LessThan(high, Vector256.Create((byte)0x20)));
            var unsure = backslashes & ~strings;
            var refused = controls & strings & ~escaped;
            for (var brackets = (opens | closes) & ~strings; brackets != 0; brackets &= brackets - 1)
            {
                var bit = BitOperations.TrailingZeroCount(brackets);
                var outcome = state.Bracket(Unsafe.Add(ref first, i + bit));
                if (outcome != Outcome.Continue)
                {
                    end = i + bit + 1;
                    return Before((1UL << bit) - 1, unsure, refused, outcome);
                }
            }

            if (Before(ulong.MaxValue, unsure, refused, Outcome.Continue) is var whole and not Outcome.Continue)
            {
                return whole;
            }
        }

        state.InString = inString != 0;
        state.Escaped = oddRun != 0;
        return Outcome.Continue;
    }

    // What the scan decided at a bracket, unless something before it decides first.
    private static Outcome Before(ulong before, ulong unsure, ulong refused, Outcome decided) =>
        (unsure & before) != 0 ? Outcome.Unsure
        : (refused & before) != 0 ? Outcome.Refused
        : decided;

    private static ulong Mask(Vector256<byte> low, Vector256<byte> high, byte value) =>
        Bits(Vector256.Equals(low, Vector256.Create(value)), Vector256.Equals(high, Vector256.Create(value)));

    // A block's 64 comparison results as one bit each, the first byte's lowest.
    private static ulong Bits(Vector256<byte> low, Vector256<byte> high) =>
        low.ExtractMostSignificantBits() | ((ulong)high.ExtractMostSignificantBits() << 32);

    /// <summary>
    /// The bytes that follow a run of backslashes of odd length (the escaped ones), counting a run carried over from
    /// the block before (<paramref name="oddRun"/>: 1 when it ended on an odd run, and so for this block).
    /// </summary>
    internal static ulong Escaped(ulong backslashes, ref ulong oddRun)
    {
        const ulong Even = 0x5555555555555555UL;
        const ulong Odd = ~Even;
        var runStarts = backslashes & ~(backslashes << 1);
        // A run carried over counts as starting one place earlier: its first bit here has the other parity.
        var evenStartMask = Even ^ oddRun;
        var evenStarts = runStarts & evenStartMask;
        var oddStarts = runStarts & ~evenStartMask;
        // Adding a run's start to the run carries past its end: the bit after it.
        var evenRunEnds = (backslashes + evenStarts) & ~backslashes;
        var oddCarries = backslashes + oddStarts;
        var carriedOut = oddCarries < backslashes;
        var oddRunEnds = (oddCarries | oddRun) & ~backslashes;
        oddRun = carriedOut ? 1UL : 0UL;
        // A run of odd length from an even place ends on an odd place, and the other way round.
        return (evenRunEnds & Odd) | (oddRunEnds & Even);
    }

    // Bit k of the answer is the parity of bits 0 to k: set from an opening quote up to its closing one.
    private static ulong PrefixXor(ulong bits)
    {
        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        return bits ^ (bits << 32);
    }

    private enum Outcome
    {
        Continue,
        Found,
        Refused,
        Unsure,
    }

    // The brackets open (a bit per level, set for an object), and where the scan stopped in a string.
    private struct ScanState(int deepest)
    {
        private int _open;
        private ulong _objects;

        public bool InString;
        public bool Escaped;

        public Outcome Bracket(byte bracket)
        {
            var curly = (bracket & 0x20) != 0;
            if (bracket is (byte)'{' or (byte)'[')
            {
                if (_open >= deepest)
                {
                    return Outcome.Refused;
                }

                _objects = curly ? _objects | (1UL << _open) : _objects & ~(1UL << _open);
                _open++;
                return Outcome.Continue;
            }

            _open--;
            if (((_objects >> _open) & 1) != (curly ? 1UL : 0UL))
            {
                return Outcome.Refused;
            }

            return _open == 0 ? Outcome.Found : Outcome.Continue;
        }
    }
}
