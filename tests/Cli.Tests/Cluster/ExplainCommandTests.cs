using System.Text.Json.Nodes;
using k8s;
using Tarnfui.Core;

namespace Tarnfui.Cli.Tests.Cluster;

[Collection("Sandbox")]
public class ExplainCommandTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task Explain_shows_the_global_schedule_the_decision_now_and_the_next_transitions()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);

        var run = await sandbox.RunAsync("explain", "deploy/api", "-n", ns, "--now", "2026-11-23T22:00:00Z");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("Replicas:           0 (held down by Tarnfui since 2026-11-23T19:00:00Z (3h ago); original 3)");
        run.Out.ShouldContain("Schedule:           uptime \"Mon-Fri 07:00-19:00\" (from the global configuration)");
        run.Out.ShouldContain("Downtime replicas:  0 (default)");
        run.Out.ShouldContain("Exclusions:         none");
        run.Out.ShouldContain("Decision now:       off-hours: held at 0 replicas until 2026-11-24T07:00:00Z (in 9h)");
        run.Out.ShouldMatch("(?m)^  2026-11-24T07:00:00Z +9h +working hours$");
        run.Out.ShouldMatch("(?m)^  2026-11-24T19:00:00Z +21h +off-hours \\(0 replicas\\)$");
        run.Out.ShouldContain("Configuration:      defaults (no ConfigMap tarnfui-config in namespace tarnfui)");
    }

    [Fact]
    public async Task Explain_reads_the_global_schedule_from_tarnfuis_configmap_as_the_manifests_ship_it()
    {
        var ns = await sandbox.NamespaceAsync();
        var own = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        await sandbox.Admin.CoreV1.CreateNamespacedConfigMapAsync(
            new k8s.Models.V1ConfigMap
            {
                Metadata = new k8s.Models.V1ObjectMeta { Name = WellKnown.Objects.ConfigMap + "-5c8h2t7m" },
                Data = new Dictionary<string, string> { ["TARNFUI_Schedule__Uptime"] = "Mon-Fri 08:00-18:00", ["TARNFUI_Schedule__TimeZone"] = "UTC" },
            },
            own);

        var run = await sandbox.RunAsync("explain", "deploy/api", "-n", ns, "--tarnfui-namespace", own, "--now", "2026-11-23T22:00:00Z");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("Schedule:           uptime \"Mon-Fri 08:00-18:00\" (from the global configuration)");
        run.Out.ShouldContain("Decision now:       off-hours: held at 0 replicas until 2026-11-24T08:00:00Z (in 10h)");
        run.Out.ShouldContain($"Configuration:      ConfigMap {own}/{WellKnown.Objects.ConfigMap}-5c8h2t7m");
    }

    [Fact]
    public async Task Explain_names_the_namespace_as_the_source_and_shows_a_workload_exclusion()
    {
        var ns = await sandbox.NamespaceAsync(new()
        {
            [WellKnown.Annotations.Uptime] = "Mon-Fri 09:00-17:00 UTC",
            [WellKnown.Annotations.DowntimeReplicas] = "1",
        });
        await sandbox.DeploymentAsync(ns, "api", 3, new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-23T23:30:00Z" });

        var run = await sandbox.RunAsync("explain", "deployment/api", "-n", ns, "--now", "2026-11-23T22:00:00Z", "-o", "json");

        run.ExitCode.ShouldBe(0, run.Error);
        var e = JsonNode.Parse(run.Out)!;
        e["schedule"]!["uptime"]!.GetValue<string>().ShouldBe("Mon-Fri 09:00-17:00 UTC");
        e["schedule"]!["source"]!.GetValue<string>().ShouldBe("namespace");
        e["downtimeReplicas"]!.GetValue<int>().ShouldBe(1);
        e["downtimeReplicasSource"]!.GetValue<string>().ShouldBe("namespace");
        e["decision"]!["state"]!.GetValue<string>().ShouldBe("excluded");
        e["decision"]!["until"]!.GetValue<string>().ShouldBe("2026-11-23T23:30:00Z");
        var exclusion = e["exclusions"]!.AsArray().ShouldHaveSingleItem()!;
        exclusion["source"]!.GetValue<string>().ShouldBe("workload");
        exclusion["state"]!.GetValue<string>().ShouldStartWith("active until 2026-11-23T23:30:00Z");
        e["transitions"]![0]!["at"]!.GetValue<string>().ShouldBe("2026-11-23T23:30:00Z");
        e["transitions"]![0]!["becomes"]!.GetValue<string>().ShouldBe("off-hours (1 replicas)");
        e["transitions"]![1]!["at"]!.GetValue<string>().ShouldBe("2026-11-24T09:00:00Z");
    }

    [Fact]
    public async Task Explain_of_a_statefulset_with_an_invalid_annotation_says_it_is_never_stopped_on_it()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StatefulSetAsync(ns, "db", 1, new() { [WellKnown.Annotations.Uptime] = "weekdays" });

        var run = await sandbox.RunAsync("explain", "sts/db", "-n", ns);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("Decision now:       invalid: ");
        run.Out.ShouldContain("; never stopped on it\n");
    }

    [Fact]
    public async Task Explain_of_a_stopped_workload_with_an_invalid_annotation_says_the_global_schedule_restores_it()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StatefulSetAsync(ns, "db", 0, new()
        {
            [WellKnown.Annotations.Uptime] = "weekdays",
            [WellKnown.Annotations.OriginalReplicas] = "2",
            [WellKnown.Annotations.HeldReplicas] = "0",
        });

        var run = await sandbox.RunAsync("explain", "sts/db", "-n", ns);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("restored when the global schedule's working hours start");
    }

    [Fact]
    public async Task Explain_of_a_missing_workload_exits_1_with_kubectls_not_found()
    {
        var ns = await sandbox.NamespaceAsync();

        var run = await sandbox.RunAsync("explain", "deploy/nope", "-n", ns);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldBe($"Error from server (NotFound): deployments.apps \"nope\" not found in namespace {ns}\n");
    }
}
