using System.Globalization;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Schedule;

namespace Tarnfui.Bench.Schedule;

/// <summary>
/// Evaluating a parsed 3-part spec at an instant: what the webhook does on every admission and the sweeper
/// on every workload it meets. Target: under 200 ns and 0 B allocated.
/// </summary>
[MemoryDiagnoser]
public class ScheduleEvaluationBenchmarks
{
    // Two recurring parts in a DST zone and a holiday range: a realistic uptime with a lunch break.
    private const string ThreeParts =
        "Mon-Fri 07:30-12:00 Europe/Berlin, Mon-Fri 13:00-20:30 Europe/Berlin, 2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00";

    private readonly string _text = ThreeParts;
    private readonly ScheduleSpec _spec = ScheduleSpec.Parse(ThreeParts).Value;

    // Saturday noon: no part matches, so all three are evaluated (the worst case).
    private readonly Instant _noPartMatches = Instant.FromUtc(2026, 11, 28, 11, 0);

    // Monday 09:00 local: the first part matches.
    private readonly Instant _firstPartMatches = Instant.FromUtc(2026, 11, 23, 8, 0);

    // A week of instants an hour apart, across both zone offsets' neighbourhoods, so no single cached answer helps.
    private readonly Instant[] _week = Enumerable.Range(0, 168).Select(h => Instant.FromUtc(2026, 10, 22, 0, 0) + Duration.FromHours(h)).ToArray();

    [Benchmark(Baseline = true)]
    public bool MatchesWhenNoPartMatches() => _spec.Matches(_noPartMatches);

    [Benchmark]
    public bool MatchesWhenTheFirstPartMatches() => _spec.Matches(_firstPartMatches);

    [Benchmark(OperationsPerInvoke = 168)]
    public int MatchesOverAWeekAcrossDst()
    {
        var count = 0;
        foreach (var instant in _week)
        {
            count += _spec.Matches(instant) ? 1 : 0;
        }

        return count;
    }

    [Benchmark]
    public ScheduleTransition NextTransition() => _spec.TransitionsAfter(_noPartMatches, Duration.FromDays(366)).First();

    [Benchmark]
    public bool Parse() => ScheduleSpec.Parse(_text).IsValid;

    // Issue 14: a part per minute. At the part limit, with off-hours that last the whole horizon (a downtime that is
    // not `always`), the search finds nothing and walks furthest; with downtime `always` it does not search.
    private static readonly ScheduleSpec NoHolidays = ScheduleSpec.Parse("never").Value;
    private readonly EffectiveSchedule _atThePartLimit = new(ScheduleSpec.Parse(MinuteParts(ScheduleLimits.MaxParts)).Value, ScheduleSpec.Parse("until 2100-01-01T00:00:00Z").Value, PolicyScope.Workload);
    private readonly EffectiveSchedule _downtimeAlways = new(ScheduleSpec.Parse(MinuteParts(ScheduleLimits.MaxParts)).Value, ScheduleSpec.Parse("always").Value, PolicyScope.Workload);
    private readonly string _thousandParts = MinuteParts(1_000);

    [Benchmark]
    public Instant? NextWorkingHoursAtThePartLimit() =>
        PolicyResolver.NextFlip(_atThePartLimit, NoHolidays, _noPartMatches, PolicyResolver.Horizon, null, CancellationToken.None);

    [Benchmark]
    public Instant? NextWorkingHoursWithDowntimeAlways() =>
        PolicyResolver.NextFlip(_downtimeAlways, NoHolidays, _noPartMatches, PolicyResolver.Horizon, null, CancellationToken.None);

    [Benchmark]
    public bool ParseAThousandParts() => ScheduleSpec.Parse(_thousandParts).IsValid;

    private static string MinuteParts(int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(minute =>
            string.Create(CultureInfo.InvariantCulture, $"Mon-Sun {minute / 60 % 24:00}:{minute % 60:00}-{(minute + 1) / 60 % 24:00}:{(minute + 1) % 60:00} UTC")));
}
