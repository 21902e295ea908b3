using NodaTime;

namespace Tarnfui.Core.Schedule;

/// <summary>
/// Finds the instants where a spec flips, or where a combination of specs does (the policy's off-hours: not in
/// uptime, or in downtime, or on a holiday). Every part names the instants where it might flip; the combination
/// only changes at one of them, so each is examined in order (see <see cref="TransitionWalk"/>). Adjacent or
/// overlapping parts therefore yield no transition where one part hands over to another.
/// </summary>
internal static class TransitionFinder
{
    // Recurring parts look at local dates a day either side of the window, and those dates must exist in
    // NodaTime's calendar (years -9998..9999): the search covers instants three days inside its range.
    private static readonly Instant Earliest = Instant.MinValue + Duration.FromDays(3);
    private static readonly Instant Latest = Instant.MaxValue - Duration.FromDays(3);

    // Bit i of what a combination reads is whether specs[i] matches; at most this many specs, so that every
    // combination of their values can be tried up front.
    private const int MostSpecs = 8;

    /// <summary>Where <paramref name="spec"/> starts or stops matching, in (from, from + horizon].</summary>
    public static IEnumerable<ScheduleTransition> Find(ScheduleSpec spec, Instant from, Duration horizon, SearchCost? cost, CancellationToken cancellationToken) =>
        Find([spec], AnyMatches, from, horizon, cost, cancellationToken);

    /// <summary>
    /// Where <paramref name="combine"/> of the specs' values flips, in (from, from + horizon]; each transition carries
    /// the combination's new value. Bit i of the argument of <paramref name="combine"/> is whether
    /// <paramref name="specs"/>[i] matches.
    /// </summary>
    public static IEnumerable<ScheduleTransition> Find(
        IReadOnlyList<ScheduleSpec> specs, Func<int, bool> combine, Instant from, Duration horizon, SearchCost? cost, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(specs.Count, MostSpecs);
        if (CannotFlip(specs, combine))
        {
            return [];
        }

        var start = from < Earliest ? Earliest : from;
        var end = Latest - start < horizon ? Latest : start + horizon;
        return start >= end ? [] : new TransitionWalk(specs, combine, cost).Walk(start, end, cancellationToken);
    }

    private static bool AnyMatches(int matching) => matching != 0;

    // A spec with an `always` part, or made of `never`s, has one value whatever the instant. When the combination is
    // the same for every value the others may take, nothing can flip it: downtime `always` holds off-hours forever
    // however many parts the uptime has, and the search ends before it starts.
    private static bool CannotFlip(IReadOnlyList<ScheduleSpec> specs, Func<int, bool> combine)
    {
        int fixedBits = 0, fixedValues = 0;
        for (var i = 0; i < specs.Count; i++)
        {
            if (specs[i].Constant is { } value)
            {
                fixedBits |= 1 << i;
                fixedValues |= value ? 1 << i : 0;
            }
        }

        bool? seen = null;
        for (var matching = 0; matching < 1 << specs.Count; matching++)
        {
            if ((matching & fixedBits) != fixedValues)
            {
                continue;
            }

            var value = combine(matching);
            if (seen is { } other && other != value)
            {
                return false;
            }

            seen = value;
        }

        return true;
    }
}
