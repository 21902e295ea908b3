using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// CronJobs through a night against the emulator: suspended in the evening with their value recorded, left alone when a
/// person suspended them, and in the morning every <c>spec.suspend</c> exactly as before, unless a person changed it.
/// </summary>
[Collection("Sandbox")]
public class CronJobNightTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task Evening_night_morning_gives_every_cronjob_back_its_suspend_exactly()
    {
        var ns = await sandbox.NamespaceAsync("cj-cycle");
        await sandbox.CronJobAsync(ns, "unset", suspend: null);
        await sandbox.CronJobAsync(ns, "running", suspend: false);
        await sandbox.CronJobAsync(ns, "paused", suspend: true);
        string[] names = ["unset", "running", "paused"];
        var before = await SuspendsAsync(ns, names);
        before.ShouldBe([false, false, true], "the server defaults an unset spec.suspend to false");
        await using var sweeper = TestSweeper.Create(sandbox.Server);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Noon);
        (await sweeper.SweepAsync()).Stopped.ShouldNotContain(w => w.Namespace == ns);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var evening = await sweeper.SweepAsync();
        evening.Stopped.Where(w => w.Namespace == ns).Select(w => w.Name).Order().ToArray().ShouldBe(["running", "unset"], "the one a person suspended is theirs");
        (await SuspendsAsync(ns, names)).ShouldBe([true, true, true]);
        var running = await sandbox.ReadCronJobAsync(ns, "running");
        running.Metadata.Annotations[WellKnown.Annotations.OriginalSuspend].ShouldBe("false");
        running.Metadata.Annotations.ShouldContainKey(WellKnown.Annotations.StoppedAt);
        running.Metadata.Labels[WellKnown.Labels.Stopped].ShouldBe("true");
        (await sandbox.ReadCronJobAsync(ns, "paused")).Metadata.Annotations?.ContainsKey(WellKnown.Annotations.OriginalSuspend).ShouldNotBe(true);
        sweeper.Metrics.Stops.WithLabels("CronJob").Value.ShouldBeGreaterThanOrEqualTo(2);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        var versions = await VersionsAsync(ns, names);
        var night = await sweeper.SweepAsync();
        night.Stopped.ShouldNotContain(w => w.Namespace == ns);
        (await VersionsAsync(ns, names)).ShouldBe(versions, "nothing to do at midnight: no write");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();
        morning.Restored.Where(w => w.Namespace == ns).Select(w => w.Name).Order().ShouldBe(["running", "unset"]);
        (await SuspendsAsync(ns, names)).ShouldBe(before);
        foreach (var name in names)
        {
            var cronJob = await sandbox.ReadCronJobAsync(ns, name);
            WellKnown.Annotations.State.ShouldAllBe(key => cronJob.Metadata.Annotations == null || !cronJob.Metadata.Annotations.ContainsKey(key));
            cronJob.Metadata.Labels?.ContainsKey(WellKnown.Labels.Stopped).ShouldNotBe(true);
        }

        var events = await sandbox.EventsAsync(ns);
        events.Count(e => e.Reason == WellKnown.EventReasons.Stopped && e.Regarding.Kind == "CronJob").ShouldBe(2);
        events.Count(e => e.Reason == WellKnown.EventReasons.Restored && e.Regarding.Kind == "CronJob").ShouldBe(2);
        sweeper.Metrics.Restores.WithLabels("CronJob", "restored").Value.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_cronjob_a_person_resumes_at_night_stays_resumed_and_the_morning_says_so()
    {
        var ns = await sandbox.NamespaceAsync("cj-resumed");
        await sandbox.CronJobAsync(ns, "report", suspend: false);
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();
        (await sandbox.ReadCronJobAsync(ns, "report")).Spec.Suspend.ShouldBe(true);

        // Someone needs tonight's report after all.
        await PatchAsync(ns, "report", """{"spec":{"suspend":false}}""");
        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        var night = await sweeper.SweepAsync();
        night.Stopped.ShouldNotContain(w => w.Namespace == ns, "the person's choice is not undone");
        (await sandbox.ReadCronJobAsync(ns, "report")).Spec.Suspend.ShouldBe(false);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();

        morning.RestoreSkipped.ShouldContain(w => w.Namespace == ns && w.Name == "report");
        var report = await sandbox.ReadCronJobAsync(ns, "report");
        report.Spec.Suspend.ShouldBe(false);
        report.Metadata.Labels?.ContainsKey(WellKnown.Labels.Stopped).ShouldNotBe(true);
        WellKnown.Annotations.State.ShouldAllBe(key => report.Metadata.Annotations == null || !report.Metadata.Annotations.ContainsKey(key));
        (await sandbox.EventsAsync(ns)).ShouldContain(e => e.Reason == WellKnown.EventReasons.RestoreSkipped && e.Regarding.Name == "report");
        sweeper.Metrics.Restores.WithLabels("CronJob", "skipped").Value.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_cronjob_a_person_suspends_in_the_evening_is_never_touched()
    {
        var ns = await sandbox.NamespaceAsync("cj-person");
        await sandbox.CronJobAsync(ns, "export", suspend: false);
        await sandbox.CronJobAsync(ns, "control", suspend: false);
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Noon);
        await sweeper.SweepAsync();

        // A person pauses the export before the evening sweep: it is theirs, tonight and tomorrow morning.
        await PatchAsync(ns, "export", """{"spec":{"suspend":true}}""");
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var evening = await sweeper.SweepAsync();
        evening.Stopped.Where(w => w.Namespace == ns).Select(w => w.Name).ShouldBe(["control"], "the control CronJob proves the sweep saw this namespace");
        var version = (await sandbox.ReadCronJobAsync(ns, "export")).Metadata.ResourceVersion;

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();

        morning.Restored.Where(w => w.Namespace == ns).Select(w => w.Name).ShouldBe(["control"]);
        var export = await sandbox.ReadCronJobAsync(ns, "export");
        (export.Spec.Suspend, export.Metadata.ResourceVersion).ShouldBe((true, version), "never written");
    }

    [Fact]
    public async Task Annotations_changed_at_night_apply_as_to_a_deployment()
    {
        var ns = await sandbox.NamespaceAsync("cj-annotated");
        await sandbox.CronJobAsync(ns, "woken", suspend: false);
        await sandbox.CronJobAsync(ns, "excluded", suspend: false, new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "true" });
        await sandbox.CronJobAsync(ns, "own-hours", suspend: false, new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = "Mon-Sun 00:00-24:00 UTC" });
        await using var sweeper = TestSweeper.Create(sandbox.Server);
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var evening = await sweeper.SweepAsync();
        evening.Stopped.Where(w => w.Namespace == ns).Select(w => w.Name).ShouldBe(["woken"], "exclude and a schedule of its own apply to a CronJob");

        // A temporary wake-up at night, and the excluded one's exclusion removed: the next sweep acts on both.
        await PatchAsync(ns, "woken", SweeperSandbox.AnnotationPatch(WellKnown.Annotations.ExcludeUntil, "2026-11-25"));
        await PatchAsync(ns, "excluded", SweeperSandbox.AnnotationPatch(WellKnown.Annotations.Exclude, null));
        sandbox.Server.Clock.SetTo(SweeperSandbox.Midnight);
        await Eventually.UntilAsync(
            async () =>
            {
                await sweeper.SweepAsync();
                return (await sandbox.ReadCronJobAsync(ns, "woken")).Spec.Suspend == false && (await sandbox.ReadCronJobAsync(ns, "excluded")).Spec.Suspend == true;
            },
            "a sweep after the watch brought the night's annotations to the view");

        var woken = await sandbox.ReadCronJobAsync(ns, "woken");
        woken.Metadata.Labels?.ContainsKey(WellKnown.Labels.Stopped).ShouldNotBe(true);
        (await sandbox.ReadCronJobAsync(ns, "excluded")).Metadata.Annotations[WellKnown.Annotations.OriginalSuspend].ShouldBe("false");
        (await sandbox.ReadCronJobAsync(ns, "own-hours")).Spec.Suspend.ShouldBe(false);
    }

    private async Task<bool?[]> SuspendsAsync(string ns, string[] names) =>
        await Task.WhenAll(names.Select(async n => (await sandbox.ReadCronJobAsync(ns, n)).Spec.Suspend));

    private async Task<string[]> VersionsAsync(string ns, string[] names) =>
        await Task.WhenAll(names.Select(async n => (await sandbox.ReadCronJobAsync(ns, n)).Metadata.ResourceVersion));

    private Task<V1CronJob> PatchAsync(string ns, string name, string mergePatch) =>
        sandbox.Admin.BatchV1.PatchNamespacedCronJobAsync(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), name, ns);
}
