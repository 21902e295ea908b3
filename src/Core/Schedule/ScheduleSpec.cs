using NodaTime;

namespace Tarnfui.Core.Schedule;

/// <summary>
/// A parsed schedule spec (see docs/schedule.md): a comma-separated list of parts that matches an instant
/// if any part matches. Immutable; parse once, evaluate many times without allocating.
/// </summary>
public sealed class ScheduleSpec
{
    // CONTRACT (issue #3): implemented by the schedule work; the signatures below are what the rest of the
    // code base calls.

    /// <summary>The text the spec was parsed from, as written.</summary>
    public string Text => throw new NotImplementedException();

    /// <summary>Parses <paramref name="text"/>; a missing day range or zone takes <paramref name="defaults"/>.</summary>
    public static ParseResult<ScheduleSpec> Parse(string text, ScheduleDefaults defaults) => throw new NotImplementedException();

    /// <summary>Whether the spec matches <paramref name="instant"/>.</summary>
    public bool Matches(Instant instant) => throw new NotImplementedException();

    /// <summary>
    /// The transitions strictly after <paramref name="from"/> and no later than <paramref name="from"/> +
    /// <paramref name="horizon"/>, in order; each flips <see cref="Matches"/>.
    /// </summary>
    public IEnumerable<ScheduleTransition> TransitionsAfter(Instant from, Duration horizon) => throw new NotImplementedException();
}
