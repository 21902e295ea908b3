using System.Text.Json.Nodes;
using Tarnfui.Core;
using Tarnfui.Emulator.Faults;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Cli.Tests.Cluster;

[Collection("Sandbox")]
public class StatusCommandTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task Status_lists_what_tarnfui_holds_down_since_when_and_when_it_comes_back()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        await sandbox.StoppedStatefulSetAsync(ns, "db", original: 1);
        await sandbox.DeploymentAsync(ns, "web", 2);

        var run = await sandbox.RunAsync("status", "-n", ns);

        run.ExitCode.ShouldBe(0, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldMatch("^NAME +ORIGINAL +STOPPED +BACK +BACK-AT +WHY$");
        lines.ShouldContain(l => l.StartsWith("deployment.apps/api ", StringComparison.Ordinal) && l.Contains(" 3 ", StringComparison.Ordinal)
            && l.Contains(" 3h", StringComparison.Ordinal) && l.Contains("2026-11-24T07:00:00Z", StringComparison.Ordinal) && l.EndsWith("off-hours", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("statefulset.apps/db ", StringComparison.Ordinal));
        run.Out.ShouldNotContain("web");
    }

    [Fact]
    public async Task Status_as_json_carries_every_column()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);

        var run = await sandbox.RunAsync("status", "-n", ns, "-o", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        var held = JsonNode.Parse(run.Out)!["heldDown"]!.AsArray().ShouldHaveSingleItem()!;
        held["name"]!.GetValue<string>().ShouldBe("api");
        held["originalReplicas"]!.GetValue<int>().ShouldBe(3);
        held["stoppedAt"]!.GetValue<string>().ShouldBe("2026-11-23T19:00:00Z");
        held["backAt"]!.GetValue<string>().ShouldBe("2026-11-24T07:00:00Z");
        held["state"]!.GetValue<string>().ShouldBe("off-hours");
    }

    [Fact]
    public async Task Status_says_a_woken_workload_comes_back_at_the_next_sweep_and_uses_the_namespace_schedule()
    {
        var ns = await sandbox.NamespaceAsync(new() { [WellKnown.Annotations.Uptime] = "Mon-Sun 21:00-23:00 UTC" });
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 2);

        var run = await sandbox.RunAsync("status", "-n", ns, "-o", "yaml");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("state: working hours");
        run.Out.ShouldContain("why: working hours");
    }

    [Fact]
    public async Task Status_across_namespaces_adds_the_namespace_column_and_the_excluded_namespaces()
    {
        var excluded = await sandbox.NamespaceAsync(new() { [WellKnown.Annotations.Exclude] = "true" });
        var other = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(other, "api", original: 4);

        var run = await sandbox.RunAsync("status", "-A");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldMatch("(?m)^NAMESPACE +NAME +ORIGINAL");
        run.Out.ShouldMatch($"(?m)^{other} +deployment.apps/api +4 ");
        run.Out.ShouldMatch($"(?m)^{excluded} +exclude ");
        run.Out.ShouldMatch("(?m)^kube-system +never-touched-namespace");
    }

    [Fact]
    public async Task Status_across_namespaces_costs_the_clock_read_and_eight_lists_and_reads_only_cronjobs_and_held_jobs_in_full()
    {
        var ns = await sandbox.NamespaceAsync();
        for (var i = 0; i < 5; i++)
        {
            await sandbox.StoppedDeploymentAsync(ns, $"api-{i}", original: 2);
        }

        var (run, requests) = await sandbox.RunRecordingAsync("status", "-A");

        run.ExitCode.ShouldBe(0, run.Error);
        var selector = Uri.EscapeDataString(WellKnown.Labels.StoppedSelector);
        requests.ShouldBe(
        [
            // The cluster's time, from the Date of the answer (the commands decide with it).
            "GET /version/ accept=",
            $"GET /api/v1/namespaces/{WellKnown.Objects.Namespace}/configmaps?watch=false accept=",
            $"GET /api/v1/namespaces?limit=500 accept={WellKnown.MetadataListAccept}",
            $"GET /apis/apps/v1/deployments?labelSelector={selector}&limit=500 accept={WellKnown.MetadataListAccept}",
            $"GET /apis/apps/v1/statefulsets?labelSelector={selector}&limit=500 accept={WellKnown.MetadataListAccept}",

            // Argo Rollouts: the sandbox has no CRD, so this answers 404, which status reads as no Rollouts.
            $"GET /apis/argoproj.io/v1alpha1/rollouts?labelSelector={selector}&limit=500 accept={WellKnown.MetadataListAccept}",

            // KEDA ScaledObjects held paused, whole (their target is in the spec); 404 without the CRD, read as none.
            $"GET /apis/keda.sh/v1alpha1/scaledobjects?labelSelector={selector}&limit=500 accept=",

            // spec.suspend is not in the metadata: CronJobs come whole, and all of them, to tell who suspended each.
            "GET /apis/batch/v1/cronjobs?limit=500 accept=",

            // Jobs whole too (spec.suspend), but only those Tarnfui holds: a cluster's finished Jobs are many.
            "GET /apis/batch/v1/jobs?labelSelector=tarnfui.io%2Fstopped%3Dtrue&limit=500 accept=",
        ]);
    }

    [Fact]
    public async Task Status_without_the_right_to_list_cronjobs_shows_the_rest_and_says_why_they_are_missing()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        await sandbox.CronJobAsync(ns, "report", suspend: false);
        var denied = new FaultRule { Kind = FaultKind.Forbidden, Verbs = ["list"], Resources = ["cronjobs"], User = EmulatorUsers.Cli };
        var rule = sandbox.Server.Faults.Add(denied);
        try
        {
            var table = await sandbox.RunAsync("status", "-n", ns);
            var json = await sandbox.RunAsync("status", "-n", ns, "-o", "json");

            table.ExitCode.ShouldBe(0, table.Error);
            table.Out.ShouldMatch("(?m)^deployment.apps/api +3 ");
            table.Out.ShouldNotContain("cronjob.batch/report");
            table.Out.ShouldEndWith(
                "\nCronJobs could not be listed: Error from server (Forbidden): cronjobs.batch is forbidden: User \"developer\" " +
                $"cannot list resource \"cronjobs\" in API group \"batch\" in the namespace \"{ns}\"\n");
            json.ExitCode.ShouldBe(0, json.Error);
            var report = JsonNode.Parse(json.Out)!;
            report["heldDown"]!.AsArray().Count.ShouldBe(1);
            report["cronJobs"]!.AsArray().ShouldBeEmpty();
            report["cronJobsError"]!.GetValue<string>().ShouldContain("cronjobs.batch is forbidden");
        }
        finally
        {
            sandbox.Server.Faults.Remove(rule);
        }
    }

    [Fact]
    public async Task Status_of_a_namespace_with_nothing_held_down_says_so()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "web", 2);

        var run = await sandbox.RunAsync("status", "-n", ns);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldBe($"No workloads held down by Tarnfui in {ns} namespace.\n");
    }

    [Fact]
    public async Task Status_reads_the_schedule_flags_over_the_defaults()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);

        var run = await sandbox.RunAsync("status", "-n", ns, "-o", "json", "--uptime", "Mon-Fri 08:00-18:00", "--timezone", "Europe/Berlin");

        run.ExitCode.ShouldBe(0, run.Error);
        var report = JsonNode.Parse(run.Out)!;
        report["heldDown"]![0]!["backAt"]!.GetValue<string>().ShouldBe("2026-11-24T07:00:00Z", "08:00 in Berlin is 07:00 UTC in winter");
        report["configuration"]!.GetValue<string>().ShouldContain("overridden by flags");
    }
}
