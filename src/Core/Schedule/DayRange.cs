namespace Tarnfui.Core.Schedule;

/// <summary>
/// A set of week days written <c>Ddd</c> or <c>Ddd-Ddd</c> (inclusive, may wrap: <c>Fri-Mon</c>), as a bitmask
/// with bit 0 = Monday so that evaluation is one shift and one AND.
/// </summary>
internal readonly record struct DayRange(int Mask)
{
    private static readonly string[] Names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>Every day whose previous day is in the range: where an overnight window's tail falls.</summary>
    public int NextDaysMask => ((Mask << 1) | (Mask >> 6)) & 0x7F;

    /// <summary>Parses <c>Mon</c>, <c>mon-fri</c>, <c>Sun-Thu</c>; the error is the rule broken, without the part.</summary>
    public static ParseResult<DayRange> Parse(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            var single = DayIndex(text);
            return single < 0 ? NotADay(text) : ParseResult<DayRange>.Ok(new DayRange(1 << single));
        }

        if (text.IndexOf('-', dash + 1) >= 0)
        {
            return ParseResult<DayRange>.Fail($"day range \"{text}\" is not Ddd or Ddd-Ddd");
        }

        var firstText = text[..dash];
        var lastText = text[(dash + 1)..];
        var first = DayIndex(firstText);
        if (first < 0)
        {
            return NotADay(firstText);
        }

        var last = DayIndex(lastText);
        if (last < 0)
        {
            return NotADay(lastText);
        }

        // Inclusive and wrapping: Fri-Mon is Fri, Sat, Sun, Mon; Mon-Mon is Monday alone.
        var mask = 0;
        for (var day = first; ; day = (day + 1) % 7)
        {
            mask |= 1 << day;
            if (day == last)
            {
                break;
            }
        }

        return ParseResult<DayRange>.Ok(new DayRange(mask));
    }

    /// <summary>Whether <paramref name="text"/> is a day or a day range, to tell a part's day token from others.</summary>
    public static bool StartsWithDayName(string text) =>
        text.Length >= 3 && DayIndex(text[..3]) >= 0 && (text.Length == 3 || text[3] == '-');

    public bool Contains(int isoDayIndex) => ((Mask >> isoDayIndex) & 1) != 0;

    private static int DayIndex(string text)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(text, Names[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static ParseResult<DayRange> NotADay(string text) =>
        ParseResult<DayRange>.Fail(text.Length == 0
            ? "a day is missing around \"-\" (Mon..Sun)"
            : $"day \"{text}\" is not a 3-letter day (Mon..Sun)");
}
