using System.Globalization;
using CsCheck;
using NodaTime;
using NodaTime.Text;

namespace Tarnfui.Core.Tests.Schedule;

/// <summary>
/// Random specs for property tests, written so that <see cref="GridOracle"/> can find every flip: recurring
/// boundaries on a quarter-hour grid, absolute instants read back from the text.
/// </summary>
internal static class SpecGenerators
{
    public static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    // Zones with DST in either hemisphere, 30- and 45-minute offsets, a 30-minute DST shift, POSIX-signed ids.
    public static readonly string[] Zones =
    [
        "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham",
        "America/St_Johns", "Etc/GMT+1", "Etc/GMT-14", "America/Santiago",
    ];

    // Around the 2026 DST changes of most of the zones above, and one ordinary stretch.
    public static readonly Instant[] Seasons =
    [
        Instant.FromUtc(2026, 3, 29, 0, 0), Instant.FromUtc(2026, 10, 25, 0, 0), Instant.FromUtc(2026, 4, 5, 0, 0),
        Instant.FromUtc(2026, 9, 27, 0, 0), Instant.FromUtc(2026, 3, 8, 0, 0), Instant.FromUtc(2026, 11, 1, 0, 0),
        Instant.FromUtc(2026, 6, 15, 0, 0),
    ];

    public static readonly Gen<string> Zone = Gen.Int[0, Zones.Length - 1].Select(i => Zones[i]);

    // Minutes on a quarter-hour grid, so that every boundary of a recurring part lands on the UTC quarter-hour
    // grid (all the zones' offsets are whole quarter-hours).
    // Half of them in the small hours, where DST changes the clock.
    public static readonly Gen<int> Minute = Gen.Frequency((1, Gen.Int[0, 96]), (1, Gen.Int[0, 16])).Select(q => q * 15);

    public static readonly Gen<Instant> Near = Gen.Select(Gen.Int[0, Seasons.Length - 1], Gen.Long[-10 * NodaConstants.TicksPerDay, 10 * NodaConstants.TicksPerDay],
        (season, ticks) => Seasons[season] + Duration.FromTicks(ticks));

    public static readonly Gen<string> RecurringPart = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 6], Minute, Minute, Zone,
        (first, last, from, to, zone) => $"{Days[first]}-{Days[last]} {Clock(Math.Min(from, 1425))}-{Clock(to)} {zone}");

    public static readonly Gen<string> AbsolutePart = Gen.Select(Near, Gen.Long[1, 3 * NodaConstants.TicksPerDay],
        (start, length) => $"{Format(start)}-{Format(start + Duration.FromTicks(length))}");

    public static readonly Gen<string> OneSidedPart = Gen.Select(Gen.Bool, Near, (from, at) => $"{(from ? "from" : "until")} {Format(at)}");

    public static readonly Gen<string> Part = Gen.Frequency((6, RecurringPart), (2, AbsolutePart), (1, OneSidedPart));

    public static readonly Gen<string> AnySpec = Part.Array[1, 3].Select(parts => string.Join(", ", parts));

    // The spellings kube-downscaler and GoKubeDownscaler accept (docs/schedule.md, Compatibility) of a strict part.
    private static readonly Func<string, string>[] Respellings =
    [
        part => part.ToLowerInvariant(),
        part => part.ToUpperInvariant(),
        part => part.Replace(" ", "  \t", StringComparison.Ordinal),
        part => part.StartsWith("from ", StringComparison.Ordinal) ? "from-" + part[5..] : part,
        part => part.StartsWith("until ", StringComparison.Ordinal) ? "until" + part[6..] : part,
        part => part.StartsWith("until ", StringComparison.Ordinal) ? "until - " + part[6..] : part,
        part => part.Length > 20 && char.IsAsciiDigit(part[0]) ? AroundRangeDash(part) : part,
        part => part.Replace("always", "true", StringComparison.Ordinal).Replace("never", "false", StringComparison.Ordinal),
    ];

    private static readonly Gen<string> PartOrConstant = Gen.Frequency((9, Part), (1, Gen.Bool.Select(always => always ? "always" : "never")));

    /// <summary>A spec of strict parts, and the same parts respelled as the other downscalers accept them.</summary>
    public static readonly Gen<(string Variant, string Strict)> Respelled =
        Gen.Select(PartOrConstant, Gen.Int[0, Respellings.Length - 1]).Array[1, 3].Select(parts =>
            (string.Join(",", parts.Select(p => Respellings[p.Item2](p.Item1))), string.Join(", ", parts.Select(p => p.Item1))));

    // An absolute range's own dash is the one after the first instant, which ends in Z (see Format).
    private static string AroundRangeDash(string part)
    {
        var dash = part.IndexOf("Z-", StringComparison.Ordinal) + 1;
        return part[..dash] + " - " + part[(dash + 1)..];
    }

    // Zones that show the same time for part of the year only: one of each pair has DST, the other none.
    private static readonly (string, string)[] Agreeing =
    [
        ("Europe/London", "UTC"), ("Europe/Berlin", "Africa/Lagos"), ("America/New_York", "America/Panama"),
        ("America/Santiago", "America/Caracas"),
    ];

    private static readonly Gen<(string, string)> ZonePair = Gen.Frequency(
        (3, Gen.Int[0, Agreeing.Length - 1].Select(Gen.Bool, (i, swap) => swap ? (Agreeing[i].Item2, Agreeing[i].Item1) : Agreeing[i])),
        (1, Gen.Select(Zone, Zone)));

    // Two windows that tile the day when their zones show the same time, and leave a gap and an overlap when they
    // do not: constant for weeks while each part flips daily, then flipping from a DST change on (or the reverse).
    public static readonly Gen<string> Tiling = Gen.Select(Gen.Int[1, 23], ZonePair,
        (hour, zones) => $"Mon-Sun 00:00-{Clock(hour * 60)} {zones.Item1}, Mon-Sun {Clock(hour * 60)}-24:00 {zones.Item2}");

    // Specs that stay constant for long stretches: what a search must cross quickly without missing its end.
    public static readonly Gen<string> Quiet = Gen.Select(Tiling, Gen.Frequency((2, Gen.Const("")), (1, AbsolutePart.Select(p => ", " + p)), (1, OneSidedPart.Select(p => ", " + p))),
        (tiling, extra) => tiling + extra);

    // Up to three weeks before one of the Seasons: a stretch long enough to be skipped, then a DST change.
    public static readonly Gen<Instant> Before = Gen.Select(Gen.Int[0, Seasons.Length - 1], Gen.Long[0, 21 * NodaConstants.TicksPerDay],
        (season, ticks) => Seasons[season] - Duration.FromTicks(ticks));

    public static string Clock(int minutes) => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");

    private static readonly InstantPattern Fixed = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffff'Z'");

    public static string Format(Instant instant) => Fixed.Format(instant);

    public static Instant Parse(string text) => Fixed.Parse(text).GetValueOrThrow();
}
