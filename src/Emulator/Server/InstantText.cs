using NodaTime;
using NodaTime.Text;

namespace Tarnfui.Emulator.Server;

/// <summary>RFC 3339 instants as people type them: <c>2026-11-27T18:55:00Z</c> or with an offset, <c>2026-11-27T19:55:00+01:00</c>.</summary>
public static class InstantText
{
    public static ParseResult<Instant> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var iso = InstantPattern.ExtendedIso.Parse(text);
        return iso.Success || OffsetDateTimePattern.ExtendedIso.Parse(text) is not { Success: true } offset
            ? iso
            : ParseResult<Instant>.ForValue(offset.Value.ToInstant());
    }
}
