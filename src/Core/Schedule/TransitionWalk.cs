using System.Diagnostics;
using NodaTime;

namespace Tarnfui.Core.Schedule;

/// <summary>
/// One search of <see cref="TransitionFinder"/>: the candidates of every part of every spec, in order, with the
/// value of each part and the number of matching parts of each spec kept up to date.
/// </summary>
/// <remarks>
/// <para>
/// A part's value only changes at the instants it names, so a candidate evaluates the part that named it and no
/// other: the walk costs one evaluation per candidate, not one per part and candidate.
/// </para>
/// <para>
/// Between two instants where a zone in the specs changes offset or an absolute part starts or ends, every part
/// repeats weekly, and so does the combination. Once the combination has not changed for a week of such a stretch,
/// it cannot change before the stretch ends: the walk resumes there. A search that finds nothing (off-hours that
/// last the whole horizon) therefore walks a week per such instant, not the whole horizon. At worst (such instants
/// spread a week apart all year) it walks every part's boundaries over the horizon, each evaluated once.
/// </para>
/// </remarks>
internal sealed class TransitionWalk
{
    // Scan a day first (the common next transition is within hours), then widen up to a week: the length a
    // combination must stay unchanged before the rest of its stretch is skipped.
    private static readonly Duration FirstWindow = Duration.FromDays(1);
    private static readonly Duration Week = Duration.FromDays(7);

    private readonly SchedulePart[] _parts;
    private readonly int[] _specOf;
    private readonly bool[] _values;
    private readonly int[] _matchingParts;
    private readonly Func<int, bool> _combine;
    private readonly SearchCost? _cost;
    private readonly DateTimeZone[] _zones;
    private readonly Instant[] _zoneChanges;
    private readonly Instant[] _writtenInstants;
    private readonly Duration _period;

    public TransitionWalk(IReadOnlyList<ScheduleSpec> specs, Func<int, bool> combine, SearchCost? cost)
    {
        var parts = new List<SchedulePart>();
        var specOf = new List<int>();
        var written = new List<Instant>();
        for (var i = 0; i < specs.Count; i++)
        {
            foreach (var part in specs[i].Parts)
            {
                parts.Add(part);
                specOf.Add(i);
                part.AddWrittenInstants(written);
            }
        }

        _parts = [.. parts];
        _specOf = [.. specOf];
        _values = new bool[_parts.Length];
        _matchingParts = new int[specs.Count];
        _combine = combine;
        _cost = cost;
        var recurring = parts.OfType<RecurringPart>().Where(part => part.Constant is null).ToArray();
        _zones = [.. recurring.Select(part => part.Zone).Distinct()];
        _zoneChanges = new Instant[_zones.Length];
        Array.Fill(_zoneChanges, Instant.MinValue);
        _writtenInstants = [.. written.Distinct().Order()];

        // Without a recurring part nothing repeats: the combination is constant from one written instant to the next.
        _period = recurring.Length > 0 ? Week : Duration.Zero;
    }

    public IEnumerable<ScheduleTransition> Walk(Instant from, Instant end, CancellationToken cancellationToken)
    {
        // Matches holds on half-open intervals [a, b): the value just before a candidate is the value at the previous
        // candidate, or at `from` for the first one.
        EvaluateAll(from);
        var value = Combined();
        var unchangedSince = from;
        var irregular = NextIrregularity(from);
        var candidates = new List<PartCandidate>();
        var named = new List<Instant>();
        var window = FirstWindow;
        for (var after = from; after < end;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var until = end - after < window ? end : after + window;

            // End the window where the combination would have been unchanged for a period, to check no later.
            var proven = unchangedSince + _period;
            until = proven > after && proven < until ? proven : until;
            Gather(after, until, candidates, named);
            for (var i = 0; i < candidates.Count;)
            {
                var at = candidates[i].At;
                for (; i < candidates.Count && candidates[i].At == at; i++)
                {
                    // A part may name one instant twice: a window to 24:00 on a day whose next day's starts at 00:00.
                    if (i == 0 || candidates[i] != candidates[i - 1])
                    {
                        Evaluate(candidates[i].Part, at);
                    }
                }

                var now = Combined();
                if (now != value)
                {
                    value = now;
                    unchangedSince = at;
                    yield return new ScheduleTransition(at, now);
                }
            }

            after = until;
            window = window + window < Week ? window + window : Week;
            while (irregular is { } passed && passed <= after)
            {
                unchangedSince = passed > unchangedSince ? passed : unchangedSince;
                irregular = NextIrregularity(passed);
            }

            if (after - unchangedSince < _period)
            {
                continue;
            }

            // Unchanged for a whole period of a stretch that repeats: unchanged until the stretch ends.
            if (irregular is not { } next || next > end)
            {
                yield break;
            }

            // Resume just before the instant that ends the stretch, so that it is examined as a candidate.
            var resume = next - Duration.Epsilon;
            if (resume > after)
            {
                EvaluateAll(resume);
                Debug.Assert(Combined() == value, "a stretch that repeats weekly and was unchanged for a week is unchanged to its end");
                after = resume;
                window = FirstWindow;
            }
        }
    }

    private void Gather(Instant after, Instant until, List<PartCandidate> candidates, List<Instant> named)
    {
        candidates.Clear();
        for (var part = 0; part < _parts.Length; part++)
        {
            named.Clear();
            _parts[part].AddCandidates(after, until, named);
            foreach (var at in named)
            {
                candidates.Add(new PartCandidate(at, part));
            }
        }

        _cost?.CountCandidates(candidates.Count);
        candidates.Sort();
    }

    private void EvaluateAll(Instant instant)
    {
        _cost?.CountRestart();
        Array.Clear(_matchingParts);
        for (var part = 0; part < _parts.Length; part++)
        {
            _values[part] = _parts[part].Matches(instant);
            _matchingParts[_specOf[part]] += _values[part] ? 1 : 0;
        }

        _cost?.CountEvaluations(_parts.Length);
    }

    private void Evaluate(int part, Instant instant)
    {
        _cost?.CountEvaluations(1);
        var value = _parts[part].Matches(instant);
        if (value != _values[part])
        {
            _values[part] = value;
            _matchingParts[_specOf[part]] += value ? 1 : -1;
        }
    }

    private bool Combined()
    {
        var matching = 0;
        for (var spec = 0; spec < _matchingParts.Length; spec++)
        {
            matching |= _matchingParts[spec] > 0 ? 1 << spec : 0;
        }

        return _combine(matching);
    }

    // The first instant after `instant` where a zone of the specs changes offset or an absolute part starts or ends:
    // where the weekly repetition of the parts may break. Asked about later and later instants, so each zone's next
    // change is looked up again only once passed.
    private Instant? NextIrregularity(Instant instant)
    {
        var index = Array.BinarySearch(_writtenInstants, instant);
        index = index < 0 ? ~index : index + 1;
        var next = index < _writtenInstants.Length ? _writtenInstants[index] : Instant.MaxValue;
        for (var zone = 0; zone < _zones.Length; zone++)
        {
            if (_zoneChanges[zone] <= instant)
            {
                var interval = _zones[zone].GetZoneInterval(instant);
                _zoneChanges[zone] = interval.HasEnd ? interval.End : Instant.MaxValue;
            }

            next = _zoneChanges[zone] < next ? _zoneChanges[zone] : next;
        }

        // The end of time stands for "never": the search stops three days before it.
        return next == Instant.MaxValue ? null : next;
    }
}
