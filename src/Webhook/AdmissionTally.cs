using System.Collections.Concurrent;
using System.Numerics;
using Prometheus;

namespace Tarnfui.Webhook;

/// <summary>
/// The admissions counted and timed as they are decided, kept per core and added to the registry's counters and
/// histogram just before each collection (a scrape of <c>/metrics</c>): what a scrape reads is exact, and an
/// admission never waits on another core to record itself.
/// </summary>
/// <remarks>
/// prometheus-net's counter and histogram add to one shared value per series (and per bucket and sum) with atomic
/// operations. When every core is answering admissions, each of those waits for the value's cache line to come over
/// from the core that wrote it last: a few of them cost an admission more than its own decision. Here an admission
/// takes the lock of the core it runs on, which only a thread moved between cores mid-way or the collection contends
/// for, and adds to that core's counts. The collection drains every core's counts under its lock and adds them with
/// one call per series and one per bucket (a histogram's <c>Observe(value, count)</c>, with the mean of the bucket's
/// durations, which falls in the bucket and adds their exact sum).
/// </remarks>
internal sealed class AdmissionTally
{
    private readonly Counter _admissions;
    private readonly Counter _dryRunAdmissions;
    private readonly Histogram _duration;
    private readonly double[] _bounds;
    private readonly Stripe[] _stripes;
    private readonly int _maxSeries;
    private readonly ConcurrentDictionary<(bool DryRun, string Operation, string Resource, string Decision), Series> _series = new();
    private readonly Lock _collecting = new();
    private int _nextSlot;

    /// <param name="admissions">The counter of admissions, by operation, resource and decision.</param>
    /// <param name="dryRunAdmissions">The same for dry-run admissions.</param>
    /// <param name="duration">The histogram of admission durations, in seconds.</param>
    /// <param name="bounds">The histogram's bucket bounds (upper, inclusive), ascending.</param>
    /// <param name="maxSeries">How many series the label values' fixed sets allow: each core keeps a count for each.</param>
    public AdmissionTally(Counter admissions, Counter dryRunAdmissions, Histogram duration, double[] bounds, int maxSeries)
    {
        _admissions = admissions;
        _dryRunAdmissions = dryRunAdmissions;
        _duration = duration;
        _bounds = bounds;
        _maxSeries = maxSeries;
        _stripes = [.. Enumerable.Range(0, (int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount)).Select(_ => new Stripe(maxSeries, bounds.Length + 1))];
    }

    /// <summary>Counts one admission in its series and its duration in the histogram.</summary>
    public void Record(bool dryRun, string operation, string resource, string decision, TimeSpan elapsed)
    {
        var key = (dryRun, operation, resource, decision);
        var slot = (_series.TryGetValue(key, out var series) ? series : Add(key)).Slot;
        var bucket = Bucket(elapsed.TotalSeconds);
        var stripe = _stripes[Thread.GetCurrentProcessorId() & (_stripes.Length - 1)];
        lock (stripe.Gate)
        {
            stripe.Admissions[slot]++;
            stripe.Durations[bucket]++;
            stripe.DurationTicks[bucket] += elapsed.Ticks;
        }
    }

    /// <summary>Adds what every core counted since the last collection to the registry's counters and histogram.</summary>
    public void Collect()
    {
        lock (_collecting)
        {
            var admissions = new long[_maxSeries];
            var durations = new long[_bounds.Length + 1];
            var ticks = new long[_bounds.Length + 1];
            foreach (var stripe in _stripes)
            {
                lock (stripe.Gate)
                {
                    Drain(stripe.Admissions, admissions);
                    Drain(stripe.Durations, durations);
                    Drain(stripe.DurationTicks, ticks);
                }
            }

            foreach (var series in _series.Values)
            {
                if (admissions[series.Slot] > 0)
                {
                    series.Child.Inc(admissions[series.Slot]);
                }
            }

            for (var bucket = 0; bucket < durations.Length; bucket++)
            {
                if (durations[bucket] > 0)
                {
                    _duration.Observe(MeanIn(bucket, ticks[bucket], durations[bucket]), durations[bucket]);
                }
            }
        }
    }

    // The bucket a duration counts in: the first whose bound it does not exceed, or the last (+Inf).
    private int Bucket(double seconds)
    {
        var bucket = 0;
        while (bucket < _bounds.Length && seconds > _bounds[bucket])
        {
            bucket++;
        }

        return bucket;
    }

    // The mean of a bucket's durations, kept inside the bucket against the rounding of the division.
    private double MeanIn(int bucket, long ticks, long count)
    {
        var mean = ticks / (double)count / TimeSpan.TicksPerSecond;
        if (bucket < _bounds.Length && mean > _bounds[bucket])
        {
            return _bounds[bucket];
        }

        return bucket > 0 && mean <= _bounds[bucket - 1] ? Math.BitIncrement(_bounds[bucket - 1]) : mean;
    }

    private static void Drain(long[] counts, long[] into)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            into[i] += counts[i];
            counts[i] = 0;
        }
    }

    // Under the collection's lock, so that a series gets one slot however many admissions meet it first at once.
    private Series Add((bool DryRun, string Operation, string Resource, string Decision) key)
    {
        lock (_collecting)
        {
            if (_series.TryGetValue(key, out var series))
            {
                return series;
            }

            if (_nextSlot >= _maxSeries)
            {
                throw new InvalidOperationException($"more than {_maxSeries} admission series: the label values must come from AdmissionLabels' fixed sets");
            }

            series = new Series(_nextSlot++, (key.DryRun ? _dryRunAdmissions : _admissions).WithLabels(key.Operation, key.Resource, key.Decision));
            _series[key] = series;
            return series;
        }
    }

    private sealed record Series(int Slot, Counter.Child Child);

    // One core's counts. Each is its own array, and a stripe its own object, so that two cores' counts do not share
    // a cache line but by chance at an array's edge.
    private sealed class Stripe(int series, int buckets)
    {
        public Lock Gate { get; } = new();

        public long[] Admissions { get; } = new long[series];

        public long[] Durations { get; } = new long[buckets];

        public long[] DurationTicks { get; } = new long[buckets];
    }
}
