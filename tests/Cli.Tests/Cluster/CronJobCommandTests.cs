using k8s;
using k8s.Models;
using Tarnfui.Core;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>sleep, restore, wake, status and explain of CronJobs against the emulated API server, read back each time.</summary>
[Collection("Sandbox")]
public class CronJobCommandTests(SandboxFixture sandbox)
{
    private const string Now = "2026-11-23T22:00:00Z";

    private Task<V1CronJob> ReadAsync(string ns, string name) => sandbox.Admin.BatchV1.ReadNamespacedCronJobAsync(name, ns);

    private static IDictionary<string, string> Annotations(V1CronJob c) => c.Metadata.Annotations ?? new Dictionary<string, string>();

    private static IDictionary<string, string> Labels(V1CronJob c) => c.Metadata.Labels ?? new Dictionary<string, string>();

    [Theory]
    [InlineData("cj/report")]
    [InlineData("cronjob/report")]
    [InlineData("cronjobs.batch/report")]
    public async Task Sleep_then_restore_leaves_the_cronjob_exactly_as_before(string target)
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.CronJobAsync(ns, "report", suspend: false);

        var sleep = await sandbox.RunAsync("sleep", target, "-n", ns, "--now", Now);

        sleep.ExitCode.ShouldBe(0, sleep.Error);
        sleep.Out.ShouldBe("cronjob.batch/report suspended: suspend false -> true\n");
        var asleep = await ReadAsync(ns, "report");
        asleep.Spec.Suspend.ShouldBe(true);
        Annotations(asleep)[WellKnown.Annotations.OriginalSuspend].ShouldBe("false");
        Annotations(asleep)[WellKnown.Annotations.StoppedAt].ShouldBe(Now);
        Labels(asleep)[WellKnown.Labels.Stopped].ShouldBe("true");

        var restore = await sandbox.RunAsync("restore", target, "-n", ns);

        restore.ExitCode.ShouldBe(0, restore.Error);
        restore.Out.ShouldBe("cronjob.batch/report restored: suspend true -> false\n");
        var back = await ReadAsync(ns, "report");
        back.Spec.Suspend.ShouldBe(false);
        Annotations(back).ShouldBeEmpty();
        Labels(back).ShouldBeEmpty();
    }

    [Fact]
    public async Task Restore_all_keeps_a_persons_resume_and_leaves_a_persons_suspend()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.CronJobAsync(ns, "held", suspend: true, tarnfuiSuspended: true, original: false);
        await sandbox.CronJobAsync(ns, "resumed", suspend: false, tarnfuiSuspended: true, original: false);
        await sandbox.CronJobAsync(ns, "paused", suspend: true);

        var run = await sandbox.RunAsync("restore", "--all", "-n", ns);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldBe(
            "cronjob.batch/held restored: suspend true -> false\n" +
            "cronjob.batch/resumed restored: suspend left false: someone resumed it while Tarnfui held it\n");
        (await ReadAsync(ns, "held")).Spec.Suspend.ShouldBe(false);
        var resumed = await ReadAsync(ns, "resumed");
        resumed.Spec.Suspend.ShouldBe(false);
        Annotations(resumed).ShouldNotContainKey(WellKnown.Annotations.OriginalSuspend);
        Labels(resumed).ShouldNotContainKey(WellKnown.Labels.Stopped);
        (await ReadAsync(ns, "paused")).Spec.Suspend.ShouldBe(true);
    }

    [Fact]
    public async Task Wake_resumes_and_excludes_so_the_sweeper_leaves_it_until_then()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.CronJobAsync(ns, "report", suspend: true, tarnfuiSuspended: true, original: false);

        var run = await sandbox.RunAsync("wake", "cj/report", "--for", "2h", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldBe("cronjob.batch/report woken until 2026-11-24T00:00:00Z: suspend true -> false\n");
        var woken = await ReadAsync(ns, "report");
        woken.Spec.Suspend.ShouldBe(false);
        Annotations(woken).ShouldBe(new Dictionary<string, string> { [WellKnown.Annotations.ExcludeUntil] = "2026-11-24T00:00:00Z" });
        Labels(woken).ShouldNotContainKey(WellKnown.Labels.Stopped);
    }

    [Fact]
    public async Task Sleep_of_a_missing_cronjob_says_so_in_kubectls_words()
    {
        var ns = await sandbox.NamespaceAsync();

        var run = await sandbox.RunAsync("sleep", "cj/ghost", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldBe($"Error from server (NotFound): cronjobs.batch \"ghost\" not found in namespace {ns}\n");
    }

    [Fact]
    public async Task Status_lists_every_cronjob_with_who_holds_it_and_when_it_comes_back()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.CronJobAsync(ns, "held", suspend: true, tarnfuiSuspended: true, original: false);
        await sandbox.CronJobAsync(ns, "paused", suspend: true);
        await sandbox.CronJobAsync(ns, "running", suspend: false);

        var run = await sandbox.RunAsync("status", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldBe(
            $"No Deployments or StatefulSets held down by Tarnfui in {ns} namespace.\n" +
            "\n" +
            "NAME                    SCHEDULE       STATE                   SUSPENDED   BACK-AT                NEXT-RUN               WHY\n" +
            "cronjob.batch/held      */15 * * * *   suspended by Tarnfui    3h          2026-11-24T07:00:00Z   2026-11-24T07:00:00Z   off-hours\n" +
            "cronjob.batch/paused    */15 * * * *   suspended by a person   <none>      <none>                 -                      off-hours\n" +
            "cronjob.batch/running   */15 * * * *   running                 <none>      <none>                 2026-11-23T22:15:00Z   off-hours\n");
    }

    [Fact]
    public async Task Status_across_namespaces_gives_each_cronjob_its_state_in_json()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.CronJobAsync(ns, "held", suspend: true, tarnfuiSuspended: true, original: false);
        await sandbox.CronJobAsync(ns, "resumed", suspend: false, tarnfuiSuspended: true, original: false);

        var run = await sandbox.RunAsync("status", "-A", "-o", "json", "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        var ours = System.Text.Json.Nodes.JsonNode.Parse(run.Out)!["cronJobs"]!.AsArray()
            .Where(c => c!["namespace"]!.GetValue<string>() == ns)
            .Select(c => $"{c!["name"]} {c["state"]} {c["backAt"]?.GetValue<string>() ?? "-"} {c["nextRun"]?.GetValue<string>() ?? "-"}");
        ours.ShouldBe(["held suspended-by-tarnfui 2026-11-24T07:00:00Z 2026-11-24T07:00:00Z", "resumed resumed-by-person - 2026-11-23T22:15:00Z"]);
    }

    [Fact]
    public async Task Status_gives_the_next_run_in_the_cronjobs_time_zone_and_never_fails_on_a_bad_schedule()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.CronJobAsync(ns, "berlin", suspend: true, tarnfuiSuspended: true, original: false, schedule: "30 8 * * 1-5", timeZone: "Europe/Berlin");
        await sandbox.CronJobAsync(ns, "tokyo", suspend: false, schedule: "CRON_TZ=Asia/Tokyo 0 9 * * *");
        await sandbox.CronJobAsync(ns, "nightly", suspend: false, schedule: "@daily");

        // The emulator validates no schedule; kube-apiserver would refuse this one, a stale object may still carry it.
        await sandbox.CronJobAsync(ns, "broken", suspend: false, schedule: "0 25 * * *");

        var run = await sandbox.RunAsync("status", "-n", ns, "-o", "json", "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        var rows = System.Text.Json.Nodes.JsonNode.Parse(run.Out)!["cronJobs"]!.AsArray()
            .Select(c => $"{c!["name"]} {c["timeZone"]?.GetValue<string>() ?? "-"} {c["nextRun"]?.GetValue<string>() ?? "-"} {c["scheduleProblem"]?.GetValue<string>() ?? "-"}");
        rows.ShouldBe(
        [
            "berlin Europe/Berlin 2026-11-24T07:30:00Z -",
            "broken - - hour \"25\": outside 0-23",
            "nightly - 2026-11-24T00:00:00Z -",
            "tokyo - 2026-11-24T00:00:00Z -",
        ]);
        var table = await sandbox.RunAsync("status", "-n", ns, "--now", Now);
        table.ExitCode.ShouldBe(0, table.Error);
        table.Out.ShouldMatch(@"(?m)^cronjob\.batch/broken +0 25 \* \* \* +running +<none> +<none> +invalid schedule +off-hours$");
    }

    [Fact]
    public async Task Explain_says_who_suspended_it_and_when_it_resumes()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.CronJobAsync(ns, "report", suspend: true, tarnfuiSuspended: true, original: false);

        var run = await sandbox.RunAsync("explain", "cj/report", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("Kind:               CronJob\n");
        run.Out.ShouldContain("Suspend:            true (suspended by Tarnfui since 2026-11-23T19:00:00Z (3h ago); restored to false)\n");
        run.Out.ShouldContain("Decision now:       off-hours: held suspended until 2026-11-24T07:00:00Z (in 9h)\n");
        run.Out.ShouldNotContain("Downtime replicas");
    }
}
