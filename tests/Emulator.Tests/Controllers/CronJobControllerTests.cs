using k8s.Models;
using NodaTime;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Tests.Controllers;

// The harness clock starts on Monday 2026-11-23 at 09:00 UTC.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class CronJobControllerTests : IAsyncLifetime
{
    private const string Ns = "batch";
    private ControllerHarness _cluster = null!;

    public Task InitializeAsync()
    {
        _cluster = new ControllerHarness(new ControllerOptions { Nodes = ["node-a"], JobRunTime = Duration.FromMinutes(20) }, Ns);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    public static V1CronJob CronJob(string name, string schedule, Action<V1CronJobSpec>? shape = null)
    {
        var spec = new V1CronJobSpec
        {
            Schedule = schedule,
            SuccessfulJobsHistoryLimit = 100,
            JobTemplate = new V1JobTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1JobSpec { Template = ControllerHarness.Template(name) },
            },
        };
        shape?.Invoke(spec);
        return new V1CronJob { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns }, Spec = spec };
    }

    private static string JobName(string cronJob, int hour, int minute, int day = 23) =>
        $"{cronJob}-{Instant.FromUtc(2026, 11, day, hour, minute).ToUnixTimeSeconds() / 60}";

    private List<string> JobNames() => _cluster.List<V1Job>(Ns).Select(j => j.Metadata.Name).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Each_schedule_time_creates_one_job_named_by_its_minute_and_owned_by_the_cronjob()
    {
        _cluster.Create(ResourceTypes.CronJobs, CronJob("report", "*/15 * * * *"));
        await _cluster.SettledAsync();
        JobNames().ShouldBeEmpty();

        for (var step = 0; step < 4; step++)
        {
            await _cluster.AdvanceAsync(Duration.FromMinutes(15));
        }

        JobNames().ShouldBe([JobName("report", 9, 15), JobName("report", 9, 30), JobName("report", 9, 45), JobName("report", 10, 0)]);
        var cronJob = _cluster.Read<V1CronJob>(Ns, "report");
        var job = _cluster.Read<V1Job>(Ns, JobName("report", 10, 0));
        var owner = job.Metadata.OwnerReferences.ShouldHaveSingleItem();
        (owner.Kind, owner.Name, owner.Uid, owner.Controller).ShouldBe(("CronJob", "report", cronJob.Metadata.Uid, (bool?)true));
        job.Metadata.Labels["app"].ShouldBe("report");
        cronJob.Status.LastScheduleTime.ShouldBe(new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc));
        // Each run takes 20 minutes: the 09:45 one still runs at 10:00.
        cronJob.Status.Active.Select(a => a.Name).ShouldBe([JobName("report", 9, 45), job.Metadata.Name]);
        _cluster.List<V1Pod>(Ns).Count(p => p.Metadata.Labels[ClusterControllers.JobNameLabel] == job.Metadata.Name).ShouldBe(1);
    }

    [Fact]
    public async Task A_suspended_cronjob_creates_no_job_and_on_resume_runs_only_the_latest_missed_time()
    {
        _cluster.Create(ResourceTypes.CronJobs, CronJob("report", "*/15 * * * *", s => s.Suspend = true));
        for (var step = 0; step < 8; step++)
        {
            await _cluster.AdvanceAsync(Duration.FromMinutes(15));
        }

        JobNames().ShouldBeEmpty();
        _cluster.Read<V1CronJob>(Ns, "report").Status?.LastScheduleTime.ShouldBeNull();

        await _cluster.AdvanceAsync(Duration.FromMinutes(5));
        _cluster.Update<V1CronJob>(ResourceTypes.CronJobs, Ns, "report", c => c.Spec.Suspend = false);
        await _cluster.SettledAsync();

        JobNames().ShouldBe([JobName("report", 11, 0)]);
    }

    [Theory]
    [InlineData("Allow", 2)]
    [InlineData("Forbid", 1)]
    [InlineData("Replace", 1)]
    public async Task A_run_still_going_at_the_next_time_follows_the_concurrency_policy(string policy, int jobs)
    {
        _cluster.Create(ResourceTypes.CronJobs, CronJob("report", "*/15 * * * *", s => s.ConcurrencyPolicy = policy));
        await _cluster.AdvanceAsync(Duration.FromMinutes(15));
        await _cluster.AdvanceAsync(Duration.FromMinutes(15));

        JobNames().Count.ShouldBe(jobs);
        var expectedLatest = policy == "Forbid" ? JobName("report", 9, 15) : JobName("report", 9, 30);
        JobNames().ShouldContain(expectedLatest);
    }

    [Theory]
    [InlineData(60, false)]
    [InlineData(600, true)]
    public async Task A_time_missed_by_more_than_the_starting_deadline_is_skipped(long deadlineSeconds, bool runs)
    {
        _cluster.Create(ResourceTypes.CronJobs, CronJob("report", "0 * * * *", s => s.StartingDeadlineSeconds = deadlineSeconds));
        await _cluster.SettledAsync();

        // The controller wakes five minutes after 11:00, having missed 10:00 and 11:00.
        await _cluster.AdvanceAsync(Duration.FromMinutes(125));

        JobNames().ShouldBe(runs ? [JobName("report", 11, 0)] : []);
    }

    [Fact]
    public async Task A_time_zone_moves_the_schedule_times()
    {
        _cluster.Create(ResourceTypes.CronJobs, CronJob("backup", "0 2 * * *", s => s.TimeZone = "Europe/Berlin"));
        await _cluster.SettledAsync();

        // 02:00 in Berlin in November is 01:00 UTC.
        await _cluster.AdvanceAsync(Duration.FromHours(15) + Duration.FromMinutes(59));
        JobNames().ShouldBeEmpty();
        await _cluster.AdvanceAsync(Duration.FromMinutes(1));

        JobNames().ShouldBe([JobName("backup", 1, 0, day: 24)]);
    }

    [Fact]
    public async Task Finished_jobs_beyond_the_history_limit_are_deleted_oldest_first()
    {
        _cluster.Create(ResourceTypes.CronJobs, CronJob("report", "*/30 * * * *", s => s.SuccessfulJobsHistoryLimit = 2));
        for (var step = 0; step < 5; step++)
        {
            await _cluster.AdvanceAsync(Duration.FromMinutes(30));
        }

        // 09:30 to 11:00 finished after their 20 minutes; 11:30 still runs, and active Jobs never count.
        JobNames().ShouldBe([JobName("report", 10, 30), JobName("report", 11, 0), JobName("report", 11, 30)]);
        _cluster.Read<V1CronJob>(Ns, "report").Status.LastSuccessfulTime.ShouldBe(new DateTime(2026, 11, 23, 11, 20, 0, DateTimeKind.Utc));
    }
}
