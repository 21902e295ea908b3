using System.Globalization;
using Tarnfui.Core;

namespace Tarnfui.Cli.Cluster.Status.Cron;

/// <summary>
/// One of the five fields of a standard cron expression as kube's cron parser (robfig/cron v3) reads it: a
/// comma-separated list of <c>*</c> or <c>?</c>, <c>n</c>, <c>a-b</c>, each with an optional <c>/step</c>, where
/// <c>n/step</c> runs from n to the field's maximum. <see cref="IsStar"/> keeps whether the field was left open
/// (<c>*</c> or <c>?</c> with no step above 1), which decides how day of month and day of week combine.
/// </summary>
internal readonly record struct CronField(ulong Values, bool IsStar)
{
    public static readonly CronRange Minute = new("minute", 0, 59, null);
    public static readonly CronRange Hour = new("hour", 0, 23, null);
    public static readonly CronRange DayOfMonth = new("day of month", 1, 31, null);
    public static readonly CronRange Month = new("month", 1, 12, Names(1, "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"));
    public static readonly CronRange DayOfWeek = new("day of week", 0, 6, Names(0, "sun", "mon", "tue", "wed", "thu", "fri", "sat"));

    public bool Contains(int value) => (Values & (1UL << value)) != 0;

    public static ParseResult<CronField> Parse(string text, CronRange range)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(range);
        var values = 0UL;
        var star = false;
        foreach (var part in text.Split(','))
        {
            var parsed = ParseRange(part, range);
            if (!parsed.IsValid)
            {
                return ParseResult<CronField>.Fail(parsed.Error);
            }

            values |= parsed.Value.Values;
            star |= parsed.Value.IsStar;
        }

        return ParseResult<CronField>.Ok(new CronField(values, star));
    }

    private static ParseResult<CronField> ParseRange(string text, CronRange range)
    {
        var rangeAndStep = text.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        int start, end;
        var star = false;
        if (lowAndHigh[0] is "*" or "?")
        {
            (start, end, star) = (range.Min, range.Max, true);
        }
        else
        {
            if (lowAndHigh.Length > 2)
            {
                return Fail(range, text, "too many hyphens");
            }

            var low = Number(lowAndHigh[0], range);
            var high = lowAndHigh.Length == 2 ? Number(lowAndHigh[1], range) : low;
            if (low is not { } first || high is not { } last)
            {
                return Fail(range, text, "not a number or a name");
            }

            (start, end) = (first, last);
        }

        var step = 1;
        if (rangeAndStep.Length > 2)
        {
            return Fail(range, text, "too many slashes");
        }

        if (rangeAndStep.Length == 2)
        {
            if (!int.TryParse(rangeAndStep[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step == 0)
            {
                return Fail(range, text, "the step must be a positive number");
            }

            // "n/step" means from n to the maximum; a step above 1 no longer leaves the field open.
            end = lowAndHigh.Length == 1 ? range.Max : end;
            star = star && step == 1;
        }

        if (start < range.Min || end > range.Max || start > end)
        {
            return Fail(range, text, $"outside {range.Min}-{range.Max}");
        }

        var values = 0UL;
        for (var value = start; value <= end; value += step)
        {
            values |= 1UL << value;
        }

        return ParseResult<CronField>.Ok(new CronField(values, star));
    }

    private static int? Number(string text, CronRange range)
    {
        if (range.Names is not null && range.Names.TryGetValue(text.ToLowerInvariant(), out var named))
        {
            return named;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static ParseResult<CronField> Fail(CronRange range, string text, string why) =>
        ParseResult<CronField>.Fail($"{range.Name} \"{text}\": {why}");

    private static Dictionary<string, int> Names(int first, params string[] names) =>
        names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i + first, StringComparer.Ordinal);
}

/// <summary>The bounds and names of one cron field.</summary>
internal sealed record CronRange(string Name, int Min, int Max, IReadOnlyDictionary<string, int>? Names);
