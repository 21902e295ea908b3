using NodaTime;

namespace Tarnfui.Core.Schedule;

/// <summary>
/// A parsed schedule spec (see docs/schedule.md): a comma-separated list of parts that matches an instant
/// if any part matches. Immutable; parse once, evaluate many times without allocating.
/// </summary>
public sealed class ScheduleSpec
{
    private readonly SchedulePart[] _parts;

    private ScheduleSpec(string text, SchedulePart[] parts)
    {
        Text = text;
        _parts = parts;
        Zones = parts.OfType<RecurringPart>().Select(part => part.Zone).Distinct().ToArray();
        Constant = parts.Any(part => part.Constant == true) ? true
            : parts.All(part => part.Constant == false) ? false
            : null;
    }

    /// <summary>The text the spec was parsed from, as written.</summary>
    public string Text { get; }

    /// <summary>
    /// The distinct zones its recurring parts are evaluated in, in order of appearance (defaults included);
    /// empty when it has none. Lets a caller show transitions in the spec's own local time.
    /// </summary>
    public IReadOnlyList<DateTimeZone> Zones { get; }

    internal IReadOnlyList<SchedulePart> Parts => _parts;

    /// <summary>Its value when it has the same one at every instant (an <c>always</c> part, or only <c>never</c>s).</summary>
    internal bool? Constant { get; }

    /// <summary>Parses a spec that needs no defaults (every recurring part names its days and zone).</summary>
    public static ParseResult<ScheduleSpec> Parse(string text) => Parse(text, ScheduleDefaults.None);

    /// <summary>
    /// Parses <paramref name="text"/>; a missing day range or zone takes <paramref name="defaults"/>. The error
    /// quotes the offending part, says the rule it breaks and shows a valid example. A spec beyond
    /// <see cref="ScheduleLimits"/> is invalid, turned down before any part is read.
    /// </summary>
    public static ParseResult<ScheduleSpec> Parse(string text, ScheduleDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(defaults);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<ScheduleSpec>.Fail(ScheduleErrors.Part(text, "the spec is empty", ScheduleErrors.RecurringExample));
        }

        var limit = LimitBroken(text);
        if (limit is not null)
        {
            return ParseResult<ScheduleSpec>.Fail(ScheduleErrors.Limit(text, limit));
        }

        var pieces = text.Split(',');
        var parts = new SchedulePart[pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i].Trim();
            if (piece.Length == 0)
            {
                return ParseResult<ScheduleSpec>.Fail(ScheduleErrors.Part(text,
                    $"part {i + 1} of {pieces.Length} is empty (parts are separated by single commas)", ScheduleErrors.ListExample));
            }

            var part = PartParser.Parse(piece, defaults);
            if (!part.IsValid)
            {
                return ParseResult<ScheduleSpec>.Fail(part.Error);
            }

            parts[i] = part.Value;
        }

        return ParseResult<ScheduleSpec>.Ok(new ScheduleSpec(text, parts));
    }

    /// <summary>A spec that matches where either matches; its text lists both. Neither is parsed again.</summary>
    internal static ScheduleSpec Union(ScheduleSpec first, ScheduleSpec second) =>
        first.Constant == false ? second : new ScheduleSpec($"{first.Text}, {second.Text}", [.. first._parts, .. second._parts]);

    // Checked before splitting, so that a spec of any size is turned down after one pass over its text.
    private static string? LimitBroken(string text)
    {
        if (text.Length > ScheduleLimits.MaxLength)
        {
            return $"the spec is {text.Length} characters long, more than the limit of {ScheduleLimits.MaxLength} characters per spec " +
                "(one part per window: Mon-Fri 07:30-20:30, not a part per hour)";
        }

        var parts = text.AsSpan().Count(',') + 1;
        return parts > ScheduleLimits.MaxParts
            ? $"the spec has {parts} parts, more than the limit of {ScheduleLimits.MaxParts} parts per spec " +
                "(merge adjacent windows into one: Mon-Fri 07:30-20:30, not a part per hour)"
            : null;
    }

    /// <summary>Whether the spec matches <paramref name="instant"/>. Allocation-free.</summary>
    public bool Matches(Instant instant)
    {
        foreach (var part in _parts)
        {
            if (part.Matches(instant))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The transitions strictly after <paramref name="from"/> and no later than <paramref name="from"/> +
    /// <paramref name="horizon"/>, in order; each flips <see cref="Matches"/>. Lazy: taking the first one
    /// only computes as far as it. The search stays three days inside NodaTime's range of years (-9998..9999).
    /// </summary>
    /// <remarks>
    /// Each instant where a part may flip evaluates that part alone, and a stretch that repeats weekly is crossed once a
    /// week of it is seen unchanged; a spec that cannot flip (an <c>always</c> part) costs nothing.
    /// </remarks>
    public IEnumerable<ScheduleTransition> TransitionsAfter(Instant from, Duration horizon) =>
        TransitionsAfter(from, horizon, null, CancellationToken.None);

    /// <inheritdoc cref="TransitionsAfter(Instant, Duration)"/>
    /// <param name="from">The instant to search from; a transition exactly at it is not listed.</param>
    /// <param name="horizon">How far ahead to search.</param>
    /// <param name="cancellationToken">Checked as the search moves on, so that a caller who gave up stops it.</param>
    public IEnumerable<ScheduleTransition> TransitionsAfter(Instant from, Duration horizon, CancellationToken cancellationToken) =>
        TransitionsAfter(from, horizon, null, cancellationToken);

    internal IEnumerable<ScheduleTransition> TransitionsAfter(Instant from, Duration horizon, SearchCost? cost, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, Duration.Zero);
        return TransitionFinder.Find(this, from, horizon, cost, cancellationToken);
    }

    public override string ToString() => Text;
}
