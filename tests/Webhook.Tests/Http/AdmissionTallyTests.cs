using System.Text;
using CsCheck;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Http;

/// <summary>
/// Admissions recorded per core and added to the registry at each collection: a scrape reads exactly what
/// prometheus-net's own counter and histogram would have counted, however many threads record at once.
/// </summary>
public class AdmissionTallyTests
{
    private const string Counter = "tarnfui_webhook_admissions_total";
    private const string Duration = "tarnfui_webhook_admission_duration_seconds";

    [Fact]
    public async Task Admissions_recorded_are_in_the_next_scrape_and_counted_once()
    {
        var metrics = new Metrics();
        metrics.RecordAdmission(false, "UPDATE", "deployments", "patched", TimeSpan.FromMicroseconds(80));
        metrics.RecordAdmission(false, "UPDATE", "deployments", "patched", TimeSpan.FromMicroseconds(120));
        metrics.RecordAdmission(true, "CREATE", "statefulsets", "allowed", TimeSpan.FromMilliseconds(3));

        var first = await ScrapeAsync(metrics);
        var second = await ScrapeAsync(metrics);

        foreach (var scrape in new[] { first, second })
        {
            scrape.ShouldContain($"{Counter}{{operation=\"UPDATE\",resource=\"deployments\",decision=\"patched\"}} 2");
            scrape.ShouldContain("tarnfui_webhook_dry_run_admissions_total{operation=\"CREATE\",resource=\"statefulsets\",decision=\"allowed\"} 1");
            scrape.ShouldContain($"{Duration}_count 3");
            scrape.ShouldContain($"{Duration}_bucket{{le=\"0.0001\"}} 1");
            scrape.ShouldContain($"{Duration}_bucket{{le=\"0.0002\"}} 2");
            scrape.ShouldContain($"{Duration}_bucket{{le=\"0.0032\"}} 3");
        }
    }

    [Theory]
    [InlineData(0L, "5e-05")]
    [InlineData(500L, "5e-05")]
    [InlineData(501L, "0.0001")]
    [InlineData(1_000L, "0.0001")]
    [InlineData(1_001L, "0.0002")]
    [InlineData(100_000_000L, "+Inf")]
    public void A_duration_counts_in_the_first_bucket_whose_bound_it_does_not_exceed(long ticks, string bucket)
    {
        var (tallied, reference) = (new Metrics(), new Metrics());

        tallied.RecordAdmission(false, "UPDATE", "deployments", "patched", TimeSpan.FromTicks(ticks));
        tallied.Collect();
        reference.AdmissionDuration.Observe(TimeSpan.FromTicks(ticks).TotalSeconds);

        Buckets(tallied).ShouldBe(Buckets(reference));
        Buckets(tallied).First(b => b.Count == 1).Bound.ShouldBe(bucket);
        tallied.AdmissionDuration.Sum.ShouldBe(TimeSpan.FromTicks(ticks).TotalSeconds, 1e-12);
    }

    [Fact]
    public void Admissions_recorded_from_many_threads_between_collections_add_up_as_prometheus_net_counts_them()
    {
        string[] decisions = ["allowed", "warned", "patched"];
        Gen.Select(Gen.Long[0, 20_000_000].Array[1, 400], Gen.Int[1, 4], Gen.Int[0, 3]).Sample((durations, threads, collections) =>
        {
            var (tallied, reference) = (new Metrics(), new Metrics());
            var next = -1;
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                for (int i; (i = Interlocked.Increment(ref next)) < durations.Length;)
                {
                    tallied.RecordAdmission(i % 5 == 0, "UPDATE", "deployments", decisions[i % 3], TimeSpan.FromTicks(durations[i]));
                    if (collections > 0 && i % (durations.Length / collections + 1) == 0)
                    {
                        tallied.Collect();
                    }
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
            tallied.Collect();
            for (var i = 0; i < durations.Length; i++)
            {
                (i % 5 == 0 ? reference.DryRunAdmissions : reference.Admissions).WithLabels("UPDATE", "deployments", decisions[i % 3]).Inc();
                reference.AdmissionDuration.Observe(TimeSpan.FromTicks(durations[i]).TotalSeconds);
            }

            foreach (var decision in decisions)
            {
                tallied.Admissions.WithLabels("UPDATE", "deployments", decision).Value.ShouldBe(reference.Admissions.WithLabels("UPDATE", "deployments", decision).Value);
                tallied.DryRunAdmissions.WithLabels("UPDATE", "deployments", decision).Value.ShouldBe(reference.DryRunAdmissions.WithLabels("UPDATE", "deployments", decision).Value);
            }

            Buckets(tallied).ShouldBe(Buckets(reference));
            tallied.AdmissionDuration.Count.ShouldBe(durations.Length);
            tallied.AdmissionDuration.Sum.ShouldBe(reference.AdmissionDuration.Sum, 1e-9 * Math.Max(1, reference.AdmissionDuration.Sum));
        }, iter: 300);
    }

    [Fact]
    public void A_label_value_outside_the_fixed_sets_beyond_their_number_of_series_is_refused_loudly()
    {
        var metrics = new Metrics();
        for (var i = 0; i < AdmissionLabels.MaxSeries; i++)
        {
            metrics.RecordAdmission(false, "UPDATE", "deployments", $"d{i}", TimeSpan.Zero);
        }

        Should.Throw<InvalidOperationException>(() => metrics.RecordAdmission(false, "UPDATE", "deployments", "one too many", TimeSpan.Zero));
    }

    private static async Task<string> ScrapeAsync(Metrics metrics)
    {
        using var exported = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(exported);
        return Encoding.UTF8.GetString(exported.ToArray());
    }

    private static List<(string Bound, long Count)> Buckets(Metrics metrics)
    {
        using var exported = new MemoryStream();
        metrics.Registry.CollectAndExportAsTextAsync(exported).GetAwaiter().GetResult();
        return [.. Encoding.UTF8.GetString(exported.ToArray()).Split('\n')
            .Where(line => line.StartsWith($"{Duration}_bucket{{le=\"", StringComparison.Ordinal))
            .Select(line => (line.Split('"')[1], long.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
