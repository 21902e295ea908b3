using NodaTime;

namespace Tarnfui.Core.Schedule;

/// <summary>
/// Finds the instants where a whole spec flips. Every part names the instants where it might flip (local
/// boundaries mapped through the zone's rules, zone transitions, absolute instants); the spec's value only
/// changes at one of them, so each candidate in order is compared with the value just before it. Adjacent or
/// overlapping parts therefore yield no transition where one part hands over to another.
/// </summary>
internal static class TransitionFinder
{
    // Scan a day first (the common next transition is within hours), then widen so that a sparse spec
    // (a yearly absolute range) costs few rounds over a 366-day horizon.
    private static readonly Duration FirstWindow = Duration.FromDays(1);
    private static readonly Duration WidestWindow = Duration.FromDays(64);

    // Recurring parts look at local dates a day either side of the window, and those dates must exist in
    // NodaTime's calendar (years -9998..9999): the search covers instants three days inside its range.
    private static readonly Instant Earliest = Instant.MinValue + Duration.FromDays(3);
    private static readonly Instant Latest = Instant.MaxValue - Duration.FromDays(3);

    public static IEnumerable<ScheduleTransition> Find(ScheduleSpec spec, Instant from, Duration horizon)
    {
        if (spec.Parts.All(part => part is ConstantPart))
        {
            return [];
        }

        var start = from < Earliest ? Earliest : from;
        var end = Latest - start < horizon ? Latest : start + horizon;
        return start >= end ? [] : Walk(spec, start, end);
    }

    private static IEnumerable<ScheduleTransition> Walk(ScheduleSpec spec, Instant from, Instant end)
    {
        // Matches holds on half-open intervals [a, b): its value just before a candidate is the value at the
        // previous candidate, or at `from` for the first one.
        var matching = spec.Matches(from);
        var candidates = new List<Instant>();
        var window = FirstWindow;
        for (var after = from; after < end;)
        {
            var until = end - after < window ? end : after + window;
            candidates.Clear();
            foreach (var part in spec.Parts)
            {
                part.AddCandidates(after, until, candidates);
            }

            candidates.Sort();
            for (var i = 0; i < candidates.Count; i++)
            {
                if (i > 0 && candidates[i] == candidates[i - 1])
                {
                    continue;
                }

                var now = spec.Matches(candidates[i]);
                if (now != matching)
                {
                    matching = now;
                    yield return new ScheduleTransition(candidates[i], now);
                }
            }

            after = until;
            window = window + window < WidestWindow ? window + window : WidestWindow;
        }
    }
}
