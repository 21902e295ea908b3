using k8s;
using k8s.Models;
using Tarnfui.Core;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>
/// sleep, restore, wake, status and explain of Jobs against the emulated API server (its controllers off, so a Job
/// stays as written), read back each time: a Job is taken as a CronJob is, and a finished one is never written.
/// </summary>
[Collection("Sandbox")]
public class JobCommandTests(SandboxFixture sandbox)
{
    private const string Now = "2026-11-23T22:00:00Z";

    [Theory]
    [InlineData("job/backfill")]
    [InlineData("jobs/backfill")]
    [InlineData("jobs.batch/backfill")]
    public async Task Sleep_then_restore_leaves_the_job_exactly_as_before(string target)
    {
        var ns = await sandbox.NamespaceAsync();
        await JobAsync(ns, "backfill", suspend: false);

        var sleep = await sandbox.RunAsync("sleep", target, "-n", ns, "--now", Now);

        sleep.ExitCode.ShouldBe(0, sleep.Error);
        sleep.Out.ShouldBe("job.batch/backfill suspended: suspend false -> true\n");
        var asleep = await ReadAsync(ns, "backfill");
        asleep.Spec.Suspend.ShouldBe(true);
        asleep.Metadata.Annotations[WellKnown.Annotations.OriginalSuspend].ShouldBe("false");
        asleep.Metadata.Labels[WellKnown.Labels.Stopped].ShouldBe("true");

        var restore = await sandbox.RunAsync("restore", target, "-n", ns);

        restore.ExitCode.ShouldBe(0, restore.Error);
        restore.Out.ShouldBe("job.batch/backfill restored: suspend true -> false\n");
        var back = await ReadAsync(ns, "backfill");
        back.Spec.Suspend.ShouldBe(false);
        (back.Metadata.Annotations ?? new Dictionary<string, string>()).ShouldBeEmpty();
        (back.Metadata.Labels ?? new Dictionary<string, string>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_finished_job_is_never_suspended()
    {
        var ns = await sandbox.NamespaceAsync();
        await JobAsync(ns, "done", suspend: false);
        var job = await ReadAsync(ns, "done");
        job.Status = new V1JobStatus { Succeeded = 1, Conditions = [new V1JobCondition { Type = "Complete", Status = "True" }] };
        await sandbox.Admin.BatchV1.ReplaceNamespacedJobStatusAsync(job, "done", ns);
        var version = (await ReadAsync(ns, "done")).Metadata.ResourceVersion;

        var run = await sandbox.RunAsync("sleep", "job/done", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldBe("job.batch/done unchanged: the Job has finished, there is nothing to suspend\n");
        var after = await ReadAsync(ns, "done");
        (after.Spec.Suspend, after.Metadata.ResourceVersion).ShouldBe((false, version));
    }

    [Fact]
    public async Task Restore_all_and_status_show_the_jobs_tarnfui_holds()
    {
        var ns = await sandbox.NamespaceAsync();
        await JobAsync(ns, "held", suspend: false);
        (await sandbox.RunAsync("sleep", "job/held", "-n", ns, "--now", Now)).ExitCode.ShouldBe(0);
        await JobAsync(ns, "paused", suspend: true);

        var status = await sandbox.RunAsync("status", "-n", ns, "--now", Now);

        status.ExitCode.ShouldBe(0, status.Error);
        var row = status.Out.Split('\n').Single(l => l.StartsWith("job.batch/held", StringComparison.Ordinal));
        row.ShouldContain("suspended by Tarnfui");
        row.ShouldNotContain("invalid schedule", customMessage: "a Job has no schedule: its NEXT-RUN is '-'");
        status.Out.ShouldStartWith("No Deployments or StatefulSets held down");
        status.Out.ShouldContain("\nNAME ", customMessage: "the table holding Jobs and CronJobs names its column NAME, not CRONJOB");
        var json = await sandbox.RunAsync("status", "-n", ns, "-o", "json", "--now", Now);
        json.ExitCode.ShouldBe(0, json.Error);
        System.Text.Json.Nodes.JsonNode.Parse(json.Out)!["cronJobs"]!.AsArray()
            .Select(r => $"{r!["kind"]} {r["name"]} {r["nextRun"]?.GetValue<string>() ?? "-"} {r["scheduleProblem"]?.GetValue<string>() ?? "-"}")
            .ShouldBe(["Job held - -"]);
        status.Out.ShouldNotContain("job.batch/paused", customMessage: "a Job Tarnfui does not hold is not listed");

        var restore = await sandbox.RunAsync("restore", "--all", "-n", ns);

        restore.ExitCode.ShouldBe(0, restore.Error);
        restore.Out.ShouldBe("job.batch/held restored: suspend true -> false\n");
        (await ReadAsync(ns, "held")).Spec.Suspend.ShouldBe(false);
        (await ReadAsync(ns, "paused")).Spec.Suspend.ShouldBe(true);
    }

    [Fact]
    public async Task Wake_resumes_a_held_job_and_explain_says_who_holds_it()
    {
        var ns = await sandbox.NamespaceAsync();
        await JobAsync(ns, "report", suspend: false);
        (await sandbox.RunAsync("sleep", "job/report", "-n", ns, "--now", Now)).ExitCode.ShouldBe(0);

        var explain = await sandbox.RunAsync("explain", "job/report", "-n", ns, "--now", Now);

        explain.ExitCode.ShouldBe(0, explain.Error);
        explain.Out.ShouldContain("Suspend:");

        var wake = await sandbox.RunAsync("wake", "job/report", "--for", "2h", "-n", ns, "--now", Now);

        wake.ExitCode.ShouldBe(0, wake.Error);
        wake.Out.ShouldBe("job.batch/report woken until 2026-11-24T00:00:00Z: suspend true -> false\n");
        var woken = await ReadAsync(ns, "report");
        woken.Spec.Suspend.ShouldBe(false);
        woken.Metadata.Annotations.ShouldBe(new Dictionary<string, string> { [WellKnown.Annotations.ExcludeUntil] = "2026-11-24T00:00:00Z" });
    }

    [Fact]
    public async Task A_kind_hint_names_job()
    {
        var run = await sandbox.RunAsync("sleep", "replicaset/x", "-n", "default", "--now", Now);

        run.ExitCode.ShouldNotBe(0);
        run.Error.ShouldContain("job/NAME");
    }

    private Task<V1Job> ReadAsync(string ns, string name) => sandbox.Admin.BatchV1.ReadNamespacedJobAsync(name, ns);

    private Task<V1Job> JobAsync(string ns, string name, bool suspend) =>
        sandbox.Admin.BatchV1.CreateNamespacedJobAsync(
            new V1Job
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1JobSpec
                {
                    Suspend = suspend,
                    Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "main", Image = "registry.example/" + name + ":1" }] } },
                },
            },
            ns);
}
