using k8s;
using k8s.Models;
using Tarnfui.Core;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>wake, sleep and restore against the emulated API server; every outcome is asserted by reading the objects back.</summary>
[Collection("Sandbox")]
public class ChangeCommandTests(SandboxFixture sandbox)
{
    private const string Now = "2026-11-23T22:00:00Z";

    private Task<V1Deployment> ReadAsync(string ns, string name) => sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync(name, ns);

    private static IDictionary<string, string> Annotations(V1Deployment d) => d.Metadata.Annotations ?? new Dictionary<string, string>();

    private static IDictionary<string, string> Labels(V1Deployment d) => d.Metadata.Labels ?? new Dictionary<string, string>();

    [Fact]
    public async Task Wake_restores_the_original_replicas_and_excludes_until_now_plus_the_duration()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);

        var run = await sandbox.RunAsync("wake", "deploy/api", "--for", "2h", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldBe("deployment.apps/api woken until 2026-11-24T00:00:00Z: 0 -> 3 replicas\n");
        var api = await ReadAsync(ns, "api");
        api.Spec.Replicas.ShouldBe(3);
        Annotations(api)[WellKnown.Annotations.ExcludeUntil].ShouldBe("2026-11-24T00:00:00Z");
        Annotations(api).ShouldNotContainKey(WellKnown.Annotations.OriginalReplicas);
        Annotations(api).ShouldNotContainKey(WellKnown.Annotations.StoppedAt);
        Labels(api).ShouldNotContainKey(WellKnown.Labels.Stopped);
    }

    [Fact]
    public async Task Wake_reads_the_workload_and_its_namespace_then_writes_once()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);

        var (run, requests) = await sandbox.RunRecordingAsync("wake", "deploy/api", "--for", "2h", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        requests.Select(r => r[..r.IndexOf(" accept=", StringComparison.Ordinal)]).ShouldBe(
        [
            $"GET /apis/apps/v1/namespaces/{ns}/deployments/api",
            $"GET /api/v1/namespaces/{ns}",
            $"PATCH /apis/apps/v1/namespaces/{ns}/deployments/api?fieldManager={WellKnown.FieldManagers.Cli}",
        ]);
    }

    [Fact]
    public async Task Wake_by_selector_wakes_every_match_and_leaves_the_rest()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 2, labels: new() { ["team"] = "shop" });
        await sandbox.StoppedStatefulSetAsync(ns, "db", original: 1);
        await sandbox.StoppedDeploymentAsync(ns, "web", original: 4, labels: new() { ["team"] = "shop" });

        var run = await sandbox.RunAsync("wake", "-l", "team=shop", "--for", "90m", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        (await ReadAsync(ns, "api")).Spec.Replicas.ShouldBe(2);
        (await ReadAsync(ns, "web")).Spec.Replicas.ShouldBe(4);
        (await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Spec.Replicas.ShouldBe(0);
    }

    [Fact]
    public async Task Wake_all_covers_statefulsets_and_running_workloads_get_only_the_exclusion()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedStatefulSetAsync(ns, "db", original: 1);
        await sandbox.DeploymentAsync(ns, "web", 2);

        var run = await sandbox.RunAsync("wake", "--all", "--for", "1h", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        var db = await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns);
        db.Spec.Replicas.ShouldBe(1);
        db.Metadata.Annotations[WellKnown.Annotations.ExcludeUntil].ShouldBe("2026-11-23T23:00:00Z");
        var web = await ReadAsync(ns, "web");
        web.Spec.Replicas.ShouldBe(2);
        Annotations(web)[WellKnown.Annotations.ExcludeUntil].ShouldBe("2026-11-23T23:00:00Z");
        run.Out.ShouldContain("deployment.apps/web woken until 2026-11-23T23:00:00Z: 2 replicas; it was not stopped");
    }

    [Fact]
    public async Task Wake_all_across_namespaces_never_touches_kube_system()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 2);
        var system = await sandbox.DeploymentAsync("kube-system", $"dns-{ns}", 2);

        var run = await sandbox.RunAsync("wake", "--all", "-A", "--for", "30m", "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        (await ReadAsync(ns, "api")).Spec.Replicas.ShouldBe(2);
        (await ReadAsync("kube-system", $"dns-{ns}")).Metadata.ResourceVersion.ShouldBe(system.Metadata.ResourceVersion);
        run.Out.ShouldNotContain("kube-system");
    }

    [Fact]
    public async Task Sleep_stops_now_with_the_record_and_the_label_in_one_write()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "web", 2);

        var run = await sandbox.RunAsync("sleep", "deploy/web", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldBe("deployment.apps/web stopped: 2 -> 0 replicas\n");
        var web = await ReadAsync(ns, "web");
        web.Spec.Replicas.ShouldBe(0);
        Annotations(web)[WellKnown.Annotations.OriginalReplicas].ShouldBe("2");
        Annotations(web)[WellKnown.Annotations.StoppedAt].ShouldBe(Now);
        Labels(web)[WellKnown.Labels.Stopped].ShouldBe("true");
    }

    [Fact]
    public async Task Sleep_then_wake_then_sleep_round_trips_the_replica_count()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StatefulSetAsync(ns, "db", 3);

        (await sandbox.RunAsync("sleep", "sts/db", "-n", ns, "--now", Now)).ExitCode.ShouldBe(0);
        (await sandbox.RunAsync("wake", "sts/db", "--for", "1h", "-n", ns, "--now", Now)).ExitCode.ShouldBe(0);
        var again = await sandbox.RunAsync("sleep", "sts/db", "-n", ns, "--now", Now);

        again.ExitCode.ShouldBe(0, again.Error);
        var db = await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns);
        db.Spec.Replicas.ShouldBe(0);
        db.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
        db.Metadata.Annotations.ShouldNotContainKey(WellKnown.Annotations.ExcludeUntil, "sleeping ends the wake-up");
    }

    [Fact]
    public async Task Sleep_refuses_a_workload_in_an_excluded_namespace_and_changes_nothing()
    {
        var ns = await sandbox.NamespaceAsync(new() { [WellKnown.Annotations.Exclude] = "true" });
        var before = await sandbox.DeploymentAsync(ns, "web", 2);

        var run = await sandbox.RunAsync("sleep", "deploy/web", "-n", ns, "--now", Now);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldBe("error: deployment.apps/web not stopped: tarnfui.io/exclude=true on the namespace\n");
        (await ReadAsync(ns, "web")).Metadata.ResourceVersion.ShouldBe(before.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Restore_all_brings_back_everything_tarnfui_stopped_in_every_namespace()
    {
        var first = await sandbox.NamespaceAsync();
        var second = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(first, "api", original: 3);
        await sandbox.StoppedStatefulSetAsync(second, "db", original: 2);
        await sandbox.DeploymentAsync(second, "web", 0);

        var run = await sandbox.RunAsync("restore", "--all");

        run.ExitCode.ShouldBe(0, run.Error);
        (await ReadAsync(first, "api")).Spec.Replicas.ShouldBe(3);
        var db = await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", second);
        db.Spec.Replicas.ShouldBe(2);
        (db.Metadata.Labels ?? new Dictionary<string, string>()).ShouldNotContainKey(WellKnown.Labels.Stopped);
        (await ReadAsync(second, "web")).Spec.Replicas.ShouldBe(0, "a workload Tarnfui did not stop is not Tarnfui's to restore");
        run.Out.ShouldContain($"deployment.apps/api -n {first} restored: 0 -> 3 replicas");
        var left = await sandbox.Admin.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: WellKnown.Labels.StoppedSelector);
        left.Items.ShouldNotContain(d => d.Metadata.NamespaceProperty == first || d.Metadata.NamespaceProperty == second);
    }

    [Fact]
    public async Task Restore_keeps_a_count_someone_changed_while_stopped_and_removes_the_record()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "api", ns);

        var run = await sandbox.RunAsync("restore", "deploy/api", "-n", ns);

        run.ExitCode.ShouldBe(0, run.Error);
        var api = await ReadAsync(ns, "api");
        api.Spec.Replicas.ShouldBe(5);
        Annotations(api).ShouldNotContainKey(WellKnown.Annotations.OriginalReplicas);
    }

    public static TheoryData<string, string[], int, string> InvalidInputs => new()
    {
        { "an invalid duration", ["wake", "deploy/api", "--for", "2x"], 2, "invalid duration \"2x\"" },
        { "a kind that is not a workload", ["sleep", "daemonset/api"], 2, "kind \"daemonset\" is not one Tarnfui stops" },
        { "a missing workload", ["wake", "deploy/missing", "--for", "1h"], 1, "Error from server (NotFound): deployments.apps \"missing\" not found" },
        { "a selector mixed with a name", ["sleep", "deploy/api", "-l", "app=api"], 2, "select workloads in one way" },
    };

    [Theory, MemberData(nameof(InvalidInputs))]
    public async Task Invalid_inputs_change_nothing(string because, string[] args, int exitCode, string message)
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        var before = await ReadAsync(ns, "api");

        var run = await sandbox.RunAsync([.. args, "-n", ns]);

        run.ExitCode.ShouldBe(exitCode, because);
        run.Error.ShouldContain(message, Case.Sensitive, because);
        (await ReadAsync(ns, "api")).Metadata.ResourceVersion.ShouldBe(before.Metadata.ResourceVersion, because);
    }

    [Fact]
    public async Task A_missing_workload_among_real_ones_is_reported_with_exit_1_and_the_others_are_still_restored()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);

        var run = await sandbox.RunAsync("restore", "sts/missing", "deploy/api", "-n", ns);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("statefulsets.apps \"missing\" not found");
        (await ReadAsync(ns, "api")).Spec.Replicas.ShouldBe(3);
    }
}
