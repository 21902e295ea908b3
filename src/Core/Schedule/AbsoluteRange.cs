namespace Tarnfui.Core.Schedule;

/// <summary>
/// Reads <c>&lt;RFC3339&gt;-&lt;RFC3339&gt;</c>. The separator is a dash, and so are the date's separators and a
/// negative offset, so the text is split at each dash in turn and kept where both sides are instants.
/// </summary>
internal static class AbsoluteRange
{
    // "2026-01-01T00:00:00Z" is the shortest RFC 3339 instant: no separator can come before index 20.
    private const int ShortestInstant = 20;

    public static ParseResult<SchedulePart> Parse(string part)
    {
        var text = part.Trim();
        string? firstValidStart = null;
        for (var dash = text.IndexOf('-', ShortestInstant - 1); dash >= 0; dash = text.IndexOf('-', dash + 1))
        {
            var startText = text[..dash].TrimEnd();
            var endText = text[(dash + 1)..].TrimStart();
            if (!Rfc3339.TryParse(startText, out var start))
            {
                continue;
            }

            firstValidStart ??= startText;
            if (!Rfc3339.TryParse(endText, out var end))
            {
                continue;
            }

            if (end <= start)
            {
                return ParseResult<SchedulePart>.Fail(ScheduleErrors.Absolute(part, $"the range ends at or before it starts ({endText} is not after {startText})"));
            }

            return ParseResult<SchedulePart>.Ok(new AbsolutePart(start, end));
        }

        if (firstValidStart is not null)
        {
            var rest = text[(firstValidStart.Length + 1)..].TrimStart();
            return ParseResult<SchedulePart>.Fail(ScheduleErrors.Absolute(part, $"end \"{rest}\" is not an RFC 3339 instant"));
        }

        return ParseResult<SchedulePart>.Fail(ScheduleErrors.Absolute(part,
            "is not an absolute range <start>-<end> of two RFC 3339 instants (YYYY-MM-DDTHH:MM:SS with Z or ±HH:MM)"));
    }
}
