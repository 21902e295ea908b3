using k8s;
using k8s.Models;
using K = Tarnfui.Core.WellKnown.KubeDownscaler;
using T = Tarnfui.Core.WellKnown.Annotations;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary><c>migrate --from kube-downscaler</c> against the emulated API server; every outcome is read back.</summary>
[Collection("Sandbox")]
public class MigrateCommandTests(SandboxFixture sandbox)
{
    private const string Office = "Mon-Fri 07:30-20:30 Europe/Berlin";

    private async Task<IDictionary<string, string>> DeploymentAnnotationsAsync(string ns, string name) =>
        (await sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync(name, ns)).Metadata.Annotations ?? new Dictionary<string, string>();

    private async Task<string> ResourceVersionAsync(string ns, string name) =>
        (await sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync(name, ns)).Metadata.ResourceVersion;

    [Fact]
    public async Task Migrate_rewrites_each_objects_annotations_to_Tarnfuis_and_keeps_the_others()
    {
        var ns = await sandbox.NamespaceAsync(new() { [K.Uptime] = Office });
        await sandbox.DeploymentAsync(ns, "api", 2, new() { [K.Exclude] = "yes", [K.DowntimeReplicas] = "1", ["team"] = "shop" });
        await sandbox.StatefulSetAsync(ns, "db", 1, new() { [K.Downtime] = "Sat-Sun 00:00-24:00 CET" });
        await sandbox.CronJobAsync(ns, "report", suspend: false);
        await sandbox.Admin.BatchV1.PatchNamespacedCronJobAsync(
            new V1Patch($"{{\"metadata\":{{\"annotations\":{{\"{K.ExcludeUntil}\":\"2026-12-01\"}}}}}}", V1Patch.PatchType.MergePatch), "report", ns);
        await sandbox.DeploymentAsync(ns, "plain", 1);

        var run = await sandbox.RunAsync("migrate", "--from", "kube-downscaler", "-n", ns);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldStartWith("OBJECT");
        run.Out.ShouldContain($"namespace/{ns}");
        run.Out.ShouldContain($"deployment.apps/api -n {ns}");
        run.Out.ShouldContain($"{K.Exclude}=yes");
        run.Out.ShouldContain($"{T.Exclude}=true");
        run.Out.ShouldNotContain("plain");
        (await DeploymentAnnotationsAsync(ns, "api")).ShouldBe(
            new Dictionary<string, string> { [T.Exclude] = "true", [T.DowntimeReplicas] = "1", ["team"] = "shop" }, ignoreOrder: true);
        var db = await sandbox.Admin.AppsV1.ReadNamespacedStatefulSetAsync("db", ns);
        db.Metadata.Annotations.ShouldBe(new Dictionary<string, string> { [T.Downtime] = "Sat-Sun 00:00-24:00 CET" }, ignoreOrder: true);
        var report = await sandbox.Admin.BatchV1.ReadNamespacedCronJobAsync("report", ns);
        report.Metadata.Annotations[T.ExcludeUntil].ShouldBe("2026-12-01T00:00:00Z");
        report.Metadata.Annotations.ShouldNotContainKey(K.ExcludeUntil);
        var space = await sandbox.Admin.CoreV1.ReadNamespaceAsync(ns);
        space.Metadata.Annotations.ShouldBe(new Dictionary<string, string> { [T.Uptime] = Office }, ignoreOrder: true);
    }

    [Fact]
    public async Task Dry_run_writes_nothing_and_says_what_it_would_do()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 2, new() { [K.Uptime] = Office });
        var before = await ResourceVersionAsync(ns, "api");

        var (run, requests) = await sandbox.RunRecordingAsync("migrate", "--from", "kube-downscaler", "--dry-run", "-n", ns);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("would migrate (dry run)");
        run.Out.ShouldContain($"{T.Uptime}={Office}");
        (await ResourceVersionAsync(ns, "api")).ShouldBe(before);
        requests.ShouldNotContain(r => r.StartsWith("PATCH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_object_it_cannot_map_is_left_as_it_is_with_the_reason_and_the_others_move()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "half", 4, new() { [K.DowntimeReplicas] = "50%", [K.Uptime] = Office });
        await sandbox.DeploymentAsync(ns, "period", 1, new() { [K.UpscalePeriod] = "Mon-Fri 07:00-08:00 UTC" });
        await sandbox.DeploymentAsync(ns, "taken", 1, new() { [K.Uptime] = Office, [T.Uptime] = "always" });
        await sandbox.DeploymentAsync(ns, "fine", 1, new() { [K.Exclude] = "true" });
        var halfBefore = await ResourceVersionAsync(ns, "half");

        var run = await sandbox.RunAsync("migrate", "--from", "kube-downscaler", "-n", ns);

        run.ExitCode.ShouldBe(1, run.Out);
        run.Out.ShouldContain("left as it is: downscaler/downtime-replicas: \"50%\" is a percentage, which Tarnfui does not take");
        run.Out.ShouldContain("left as it is: downscaler/upscale-period: Tarnfui has no upscale period");
        run.Out.ShouldContain("left as it is: tarnfui.io/uptime is already set to \"always\"");
        (await ResourceVersionAsync(ns, "half")).ShouldBe(halfBefore);
        (await DeploymentAnnotationsAsync(ns, "half")).ShouldContainKey(K.Uptime);
        (await DeploymentAnnotationsAsync(ns, "fine")).ShouldBe(new Dictionary<string, string> { [T.Exclude] = "true" }, ignoreOrder: true);
    }

    [Fact]
    public async Task An_edit_between_the_read_and_the_write_is_reported_and_kept()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 2, new() { [K.Uptime] = Office });
        const string Edited = "Mon-Fri 06:00-22:00 Europe/Berlin";
        sandbox.BeforeRequest = async request =>
        {
            if (request.Method == "PATCH" && request.Path.Value!.EndsWith("/deployments/api", StringComparison.Ordinal))
            {
                sandbox.BeforeRequest = null;
                await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(
                    new V1Patch($"{{\"metadata\":{{\"annotations\":{{\"{K.Uptime}\":\"{Edited}\"}}}}}}", V1Patch.PatchType.MergePatch), "api", ns);
            }
        };

        try
        {
            var run = await sandbox.RunAsync("migrate", "--from", "kube-downscaler", "-n", ns);

            run.ExitCode.ShouldBe(1, run.Out + run.Error);
            run.Out.ShouldContain("conflict: its annotations changed since they were read; nothing written, run migrate again");
            var annotations = await DeploymentAnnotationsAsync(ns, "api");
            annotations[K.Uptime].ShouldBe(Edited);
            annotations.ShouldNotContainKey(T.Uptime);
        }
        finally
        {
            sandbox.BeforeRequest = null;
        }
    }

    [Fact]
    public async Task Nothing_to_migrate_says_so_and_exits_0()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 1);

        var run = await sandbox.RunAsync("migrate", "--from", "kube-downscaler", "-n", ns);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Error.ShouldBe($"No kube-downscaler annotations found in namespace {ns}.\n");
    }

    [Theory]
    [InlineData("migrate --from kube-downscaler is required", new string[] { "migrate" }, "error: migrate needs --from kube-downscaler\n")]
    [InlineData("another tool", new[] { "migrate", "--from", "kube-green" }, "error: --from \"kube-green\" is not a downscaler migrate reads; use --from kube-downscaler\n")]
    public async Task A_usage_error_exits_2_before_reading_anything(string because, string[] args, string error)
    {
        var (run, requests) = await sandbox.RunRecordingAsync(args);

        run.ExitCode.ShouldBe(2, because);
        run.Error.ShouldBe(error, because);
        requests.ShouldBeEmpty(because);
    }
}
