using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// Jobs through a night against the emulator, whose Job pods run for <see cref="JobSandbox.RunTime"/>: with
/// <c>Sweeper:SuspendJobs</c>, a Job running at the evening sweep is suspended (its pods deleted), resumed in the
/// morning, and runs to completion; a finished Job is never written; a person's resume at night wins; without the
/// option no Job is touched and none costs a request.
/// </summary>
[Collection("Jobs")]
public class JobNightTests(JobSandbox sandbox)
{
    private static readonly Instant BeforeEvening = SweeperSandbox.Evening - Duration.FromMinutes(90);

    [Fact]
    public async Task A_running_job_is_suspended_in_the_evening_resumed_in_the_morning_and_completes()
    {
        await sandbox.AtAsync(SweeperSandbox.Noon);
        var ns = await sandbox.CreateNamespaceAsync("job-cycle");
        await sandbox.JobAsync(ns, "finished");
        await sandbox.AtAsync(BeforeEvening);
        await sandbox.JobAsync(ns, "nightly", parallelism: 2);
        (await sandbox.ReadJobAsync(ns, "finished")).Status.Conditions.ShouldContain(c => c.Type == "Complete" && c.Status == "True");
        (await sandbox.PodsAsync(ns, "nightly", "Running")).ShouldBe(2);
        var finishedVersion = (await sandbox.ReadJobAsync(ns, "finished")).Metadata.ResourceVersion;
        await using var sweeper = TestSweeper.Create(sandbox.Server, "test-sweeper", null, "--Sweeper:SuspendJobs=true");

        await sandbox.AtAsync(SweeperSandbox.Evening);
        var evening = await sweeper.SweepAsync();
        await sandbox.AtAsync(SweeperSandbox.Evening);

        evening.Stopped.Where(w => w.Namespace == ns).Select(w => w.Name).ShouldBe(["nightly"], "the finished Job is never touched");
        var nightly = await sandbox.ReadJobAsync(ns, "nightly");
        nightly.Spec.Suspend.ShouldBe(true);
        nightly.Metadata.Annotations[WellKnown.Annotations.OriginalSuspend].ShouldBe("false");
        nightly.Metadata.Annotations.ShouldContainKey(WellKnown.Annotations.StoppedAt);
        nightly.Metadata.Labels[WellKnown.Labels.Stopped].ShouldBe("true");
        (await sandbox.PodsAsync(ns, "nightly", "Running")).ShouldBe(0, "suspending a Job deletes its running pods");
        (await sandbox.ReadJobAsync(ns, "finished")).Metadata.ResourceVersion.ShouldBe(finishedVersion);
        sweeper.Metrics.Stops.WithLabels("Job").Value.ShouldBeGreaterThanOrEqualTo(1);

        await sandbox.AtAsync(SweeperSandbox.Midnight);
        var night = await sweeper.SweepAsync();
        night.Stopped.ShouldNotContain(w => w.Namespace == ns);
        (await sandbox.PodsAsync(ns, "nightly", "Running")).ShouldBe(0, "a suspended Job runs nothing at night");

        await sandbox.AtAsync(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();
        await sandbox.AtAsync(SweeperSandbox.Morning);

        morning.Restored.Where(w => w.Namespace == ns).Select(w => w.Name).ShouldBe(["nightly"]);
        nightly = await sandbox.ReadJobAsync(ns, "nightly");
        nightly.Spec.Suspend.ShouldBe(false);
        WellKnown.Annotations.State.ShouldAllBe(key => nightly.Metadata.Annotations == null || !nightly.Metadata.Annotations.ContainsKey(key));
        nightly.Metadata.Labels?.ContainsKey(WellKnown.Labels.Stopped).ShouldNotBe(true);
        (await sandbox.PodsAsync(ns, "nightly", "Running")).ShouldBe(2, "resuming re-creates its pods");
        (await sandbox.ReadJobAsync(ns, "finished")).Metadata.ResourceVersion.ShouldBe(finishedVersion);

        await sandbox.AtAsync(SweeperSandbox.Morning + JobSandbox.RunTime);
        (await sandbox.ReadJobAsync(ns, "nightly")).Status.Conditions.ShouldContain(c => c.Type == "Complete" && c.Status == "True");
        var events = (await sandbox.Admin.EventsV1.ListNamespacedEventAsync(ns)).Items;
        events.Count(e => e.Reason == WellKnown.EventReasons.Stopped && e.Regarding.Kind == "Job").ShouldBe(1);
        events.Count(e => e.Reason == WellKnown.EventReasons.Restored && e.Regarding.Kind == "Job").ShouldBe(1);
    }

    [Fact]
    public async Task A_job_a_person_resumes_at_night_keeps_running_and_the_morning_says_so()
    {
        await sandbox.AtAsync(BeforeEvening);
        var ns = await sandbox.CreateNamespaceAsync("job-resumed");
        await sandbox.JobAsync(ns, "backfill");
        await using var sweeper = TestSweeper.Create(sandbox.Server, "test-sweeper", null, "--Sweeper:SuspendJobs=true");
        await sandbox.AtAsync(SweeperSandbox.Evening);
        await sweeper.SweepAsync();
        (await sandbox.ReadJobAsync(ns, "backfill")).Spec.Suspend.ShouldBe(true);

        // Someone needs the backfill tonight after all.
        await sandbox.Admin.BatchV1.PatchNamespacedJobAsync(new V1Patch("""{"spec":{"suspend":false}}""", V1Patch.PatchType.MergePatch), "backfill", ns);
        await sandbox.AtAsync(SweeperSandbox.Evening + Duration.FromMinutes(30));
        (await sandbox.PodsAsync(ns, "backfill", "Running")).ShouldBe(1);
        var night = await sweeper.SweepAsync();

        night.Stopped.ShouldNotContain(w => w.Namespace == ns, "the person's choice is not undone");
        (await sandbox.ReadJobAsync(ns, "backfill")).Spec.Suspend.ShouldBe(false);

        await sandbox.AtAsync(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();

        morning.RestoreSkipped.ShouldContain(w => w.Namespace == ns && w.Name == "backfill");
        var backfill = await sandbox.ReadJobAsync(ns, "backfill");
        backfill.Spec.Suspend.ShouldBe(false);
        backfill.Metadata.Labels?.ContainsKey(WellKnown.Labels.Stopped).ShouldNotBe(true);
        WellKnown.Annotations.State.ShouldAllBe(key => backfill.Metadata.Annotations == null || !backfill.Metadata.Annotations.ContainsKey(key));
        (await sandbox.Admin.EventsV1.ListNamespacedEventAsync(ns)).Items.ShouldContain(e => e.Reason == WellKnown.EventReasons.RestoreSkipped && e.Regarding.Name == "backfill");
    }

    [Fact]
    public async Task Without_SuspendJobs_no_job_is_touched_and_none_costs_a_request()
    {
        await sandbox.AtAsync(BeforeEvening);
        var ns = await sandbox.CreateNamespaceAsync("job-off");
        await sandbox.JobAsync(ns, "nightly");
        var before = sandbox.Server.Stats.LastSequence;
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        await sandbox.AtAsync(SweeperSandbox.Evening);
        var evening = await sweeper.SweepAsync();
        await sandbox.AtAsync(SweeperSandbox.Morning);
        await sweeper.SweepAsync();

        evening.Stopped.ShouldNotContain(w => w.Namespace == ns);
        var nightly = await sandbox.ReadJobAsync(ns, "nightly");
        nightly.Spec.Suspend.ShouldBe(false);
        nightly.Metadata.Annotations?.Keys.ShouldNotContain(WellKnown.Annotations.OriginalSuspend);
        sandbox.Server.Stats.Requests()
            .Where(r => r.Sequence > before && r.User == EmulatorUsers.Sweeper && r.Resource == "jobs")
            .ShouldBeEmpty();
    }
}
