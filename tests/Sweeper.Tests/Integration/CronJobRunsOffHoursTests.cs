using k8s;
using k8s.Models;
using NodaTime;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// The emulator's CronJob controller runs through a night beside the sweeper: CronJobs start Jobs in the day, none
/// between the evening sweep and the morning one, and start them again once restored.
/// </summary>
[Collection("Sandbox")]
public class CronJobRunsOffHoursTests(SweeperSandbox sandbox)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task No_job_is_created_between_the_evening_sweep_and_the_morning_one()
    {
        var ns = await sandbox.NamespaceAsync("cj-runs");
        sandbox.Server.Clock.SetTo(SweeperSandbox.Noon);
        await sandbox.CronJobAsync(ns, "nightly", suspend: false);
        await sandbox.Admin.BatchV1.CreateNamespacedCronJobAsync(new V1CronJob
        {
            Metadata = new V1ObjectMeta { Name = "quarterly" },
            Spec = new V1CronJobSpec
            {
                Schedule = "*/15 * * * *",
                JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "main", Image = "busybox:1.37" }] } } } },
            },
        }, ns);
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        await AtAsync(SweeperSandbox.Noon + Duration.FromMinutes(15));
        (await JobsAsync(ns)).ShouldContain(j => j.Name().StartsWith("quarterly-", StringComparison.Ordinal), "the controller runs CronJobs in the day");

        await AtAsync(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.Where(w => w.Namespace == ns).Select(w => w.Name).Order().ShouldBe(["nightly", "quarterly"]);

        // Every quarter hour of the night, and 02:00 for the nightly one, passes with the controller ticking.
        for (var at = SweeperSandbox.Evening + Duration.FromMinutes(15); at < SweeperSandbox.Morning; at += Duration.FromMinutes(15))
        {
            await AtAsync(at);
        }

        await AtAsync(SweeperSandbox.Morning);
        (await sweeper.SweepAsync()).Restored.Where(w => w.Namespace == ns).Select(w => w.Name).Order().ShouldBe(["nightly", "quarterly"]);
        await AtAsync(SweeperSandbox.Morning + Duration.FromMinutes(15));

        var jobs = await JobsAsync(ns);
        jobs.ShouldAllBe(j => !Inside(j.Metadata.CreationTimestamp!.Value), "no Job starts off-hours");
        jobs.ShouldContain(j => j.Name().StartsWith("quarterly-", StringComparison.Ordinal) && Instant.FromDateTimeUtc(DateTime.SpecifyKind(j.Metadata.CreationTimestamp!.Value, DateTimeKind.Utc)) > SweeperSandbox.Morning, "the restored CronJob runs again");
    }

    private static bool Inside(DateTime created)
    {
        var at = Instant.FromDateTimeUtc(DateTime.SpecifyKind(created, DateTimeKind.Utc));
        return at > SweeperSandbox.Evening && at < SweeperSandbox.Morning;
    }

    // Sets the clock, lets the controllers see the time, and waits for what it starts.
    private async Task AtAsync(Instant at)
    {
        sandbox.Server.Clock.SetTo(at);
        sandbox.Server.Controllers.ScheduleTick();
        await sandbox.Server.Controllers.SettledAsync(Bound);
    }

    private async Task<IList<V1Job>> JobsAsync(string ns) => (await sandbox.Admin.BatchV1.ListNamespacedJobAsync(ns)).Items;
}
