using System.Diagnostics;
using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.EndToEnd.Cli;

/// <summary>
/// The real kubectl finds the built <c>kubectl-tarnfui</c> on PATH and runs it against the emulated cluster, the way
/// an operator's shell does: KUBECONFIG from the environment, kubectl's own plugin dispatch, the process's exit code;
/// with each kubectl of the matrix (<see cref="KubectlVersions"/>).
/// </summary>
public sealed class KubectlPluginTests : IAsyncLifetime
{
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 23, 22, 0);
    private readonly string _dir = Directory.CreateTempSubdirectory("tarnfui-plugin-").FullName;
    private EmulatorServer _server = null!;
    private Kubernetes _admin = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Evening });
        _admin = _server.CreateClient();
        _kubeconfig = _server.WriteKubeconfig(Path.Combine(_dir, "kubeconfig"), EmulatorUsers.Cli);

        // kubectl looks plugins up by file name on PATH; the apphost resolves its symlink to find its assembly.
        var plugins = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(plugins, "kubectl-tarnfui"), BuiltPlugin());
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Kubectl_discovers_the_plugin_on_PATH(string version)
    {
        var run = await KubectlAsync(version, "plugin", "list");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain(Path.Combine(_dir, "bin", "kubectl-tarnfui"));
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Evening_then_stop_then_morning_through_kubectl_tarnfui(string version)
    {
        // Evening: a shop whose api Tarnfui stopped at 19:00 and whose web still runs.
        await _admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } });
        await CreateAsync("api", 0, new()
        {
            [WellKnown.Annotations.OriginalReplicas] = "3",
            [WellKnown.Annotations.StoppedAt] = AnnotationValues.FormatInstant(Evening - Duration.FromHours(3)),
        }, new() { [WellKnown.Labels.Stopped] = "true" });
        await CreateAsync("web", 2, null, null);

        var status = await KubectlAsync(version, "tarnfui", "status", "-n", "shop");
        status.ExitCode.ShouldBe(0, status.Error);
        status.Out.ShouldMatch("(?m)^NAME +ORIGINAL +STOPPED +BACK +BACK-AT +WHY$");
        status.Out.ShouldMatch("(?m)^deployment.apps/api +3 +3h +in \\S+ +2026-11-24T07:00:00Z +off-hours$");

        // Stop: web goes to sleep by hand.
        var sleep = await KubectlAsync(version, "tarnfui", "sleep", "deploy/web", "-n", "shop");
        sleep.ExitCode.ShouldBe(0, sleep.Error);
        (await _admin.AppsV1.ReadNamespacedDeploymentAsync("web", "shop")).Spec.Replicas.ShouldBe(0);

        // Morning comes early for api: woken for two hours.
        var wake = await KubectlAsync(version, "tarnfui", "wake", "deploy/api", "--for", "2h", "-n", "shop");
        wake.ExitCode.ShouldBe(0, wake.Error);
        var api = await _admin.AppsV1.ReadNamespacedDeploymentAsync("api", "shop");
        api.Spec.Replicas.ShouldBe(3);
        api.Metadata.Annotations.ShouldContainKey(WellKnown.Annotations.ExcludeUntil);

        // A typo exits 2 through kubectl, untouched by its dispatch.
        var typo = await KubectlAsync(version, "tarnfui", "wake", "deploy/web", "--for", "2x", "-n", "shop");
        typo.ExitCode.ShouldBe(2);
        typo.Error.ShouldContain("invalid duration \"2x\" is not a duration: unknown unit \"x\"");
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task A_night_of_cronjobs_through_kubectl_tarnfui_ends_with_every_suspend_as_before(string version)
    {
        // Evening: a nightly report that runs, and an export a person paused themselves.
        await _admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "batch" } });
        await CreateCronJobAsync("report", suspend: false);
        await CreateCronJobAsync("export", suspend: true);

        var sleep = await KubectlAsync(version, "tarnfui", "sleep", "--all", "-n", "batch");
        sleep.ExitCode.ShouldBe(0, sleep.Error);
        sleep.Out.ShouldContain("cronjob.batch/report suspended: suspend false -> true");
        sleep.Out.ShouldContain("cronjob.batch/export unchanged: already suspended by a person");
        (await KubectlAsync(version, "get", "cronjob", "report", "-n", "batch", "-o", "jsonpath={.spec.suspend}")).Out.ShouldBe("true");

        var status = await KubectlAsync(version, "tarnfui", "status", "-n", "batch");
        status.ExitCode.ShouldBe(0, status.Error);
        status.Out.ShouldMatch(@"(?m)^cronjob.batch/report +\*/15 \* \* \* \* +suspended by Tarnfui +\S+ +2026-11-24T07:00:00Z +2026-11-24T07:00:00Z +off-hours$");
        status.Out.ShouldMatch(@"(?m)^cronjob.batch/export +\*/15 \* \* \* \* +suspended by a person ");

        // Before uninstalling: everything back as it was, and the person's pause still theirs.
        var restore = await KubectlAsync(version, "tarnfui", "restore", "--all", "-n", "batch");
        restore.ExitCode.ShouldBe(0, restore.Error);
        var report = await _admin.BatchV1.ReadNamespacedCronJobAsync("report", "batch");
        report.Spec.Suspend.ShouldBe(false);
        (report.Metadata.Annotations ?? new Dictionary<string, string>()).ShouldBeEmpty();
        (report.Metadata.Labels ?? new Dictionary<string, string>()).ShouldBeEmpty();
        (await _admin.BatchV1.ReadNamespacedCronJobAsync("export", "batch")).Spec.Suspend.ShouldBe(true);
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Migrate_from_kube_downscaler_through_kubectl_tarnfui_previews_then_rewrites_and_leaves_what_it_cannot_map(string version)
    {
        // A shop still annotated for kube-downscaler: one Deployment that maps, one whose percentage does not.
        await _admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } });
        await CreateAsync("api", 2, new() { [WellKnown.KubeDownscaler.Uptime] = "Mon-Fri 08:00-18:00 UTC", ["team"] = "shop" }, null);
        await CreateAsync("half", 4, new() { [WellKnown.KubeDownscaler.DowntimeReplicas] = "50%" }, null);
        var asWritten = await PeopleAnnotationsAsync("api");

        var preview = await KubectlAsync(version, "tarnfui", "migrate", "--from", "kube-downscaler", "--dry-run", "-n", "shop");
        preview.Out.ShouldContain("would migrate (dry run)");
        (await PeopleAnnotationsAsync("api")).ShouldBe(asWritten, "a dry run writes nothing");

        var migrate = await KubectlAsync(version, "tarnfui", "migrate", "--from", "kube-downscaler", "-n", "shop");

        migrate.ExitCode.ShouldBe(1, "an object was left as it is");
        migrate.Out.ShouldStartWith("OBJECT");
        migrate.Out.ShouldContain("deployment.apps/half -n shop");
        (await PeopleAnnotationsAsync("api")).ShouldBe(
            new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = "Mon-Fri 08:00-18:00 UTC", ["team"] = "shop" }, ignoreOrder: true);
        (await PeopleAnnotationsAsync("half")).ShouldBe(
            new Dictionary<string, string> { [WellKnown.KubeDownscaler.DowntimeReplicas] = "50%" }, ignoreOrder: true);
    }

    // A Deployment's annotations but the deployment controller's own (its revision), which this cluster's controllers write.
    private async Task<Dictionary<string, string>> PeopleAnnotationsAsync(string name) =>
        (await _admin.AppsV1.ReadNamespacedDeploymentAsync(name, "shop")).Metadata.Annotations
            .Where(a => !a.Key.StartsWith("deployment.kubernetes.io/", StringComparison.Ordinal))
            .ToDictionary(a => a.Key, a => a.Value);

    // The plugin's own build output, not the copy in this test's bin: this project also references ASP.NET Core, whose
    // shared framework provides (so the build does not copy) Microsoft.Extensions.* assemblies the plugin, which runs on
    // Microsoft.NETCore.App alone, needs next to it.
    private static string BuiltPlugin()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var targetFramework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Tarnfui.sln")))
        {
            root = root.Parent;
        }

        root.ShouldNotBeNull("the tests run from inside the repository");
        var plugin = Path.Combine(root.FullName, "src", "Cli", "bin", configuration, targetFramework, "kubectl-tarnfui");
        File.Exists(plugin).ShouldBeTrue($"{plugin} is built by this project's reference to src/Cli");
        return plugin;
    }

    private Task<V1Deployment> CreateAsync(string name, int replicas, Dictionary<string, string>? annotations, Dictionary<string, string>? labels) =>
        _admin.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = name, Annotations = annotations, Labels = labels },
                Spec = new V1DeploymentSpec
                {
                    Replicas = replicas,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "registry.example/app:1" }] },
                    },
                },
            },
            "shop");

    private Task<V1CronJob> CreateCronJobAsync(string name, bool suspend) =>
        _admin.BatchV1.CreateNamespacedCronJobAsync(
            new V1CronJob
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1CronJobSpec
                {
                    Schedule = "*/15 * * * *",
                    Suspend = suspend,
                    JobTemplate = new V1JobTemplateSpec
                    {
                        Spec = new V1JobSpec
                        {
                            Template = new V1PodTemplateSpec
                            {
                                Spec = new V1PodSpec { RestartPolicy = "OnFailure", Containers = [new V1Container { Name = "job", Image = "registry.example/job:1" }] },
                            },
                        },
                    },
                },
            },
            "batch");

    private async Task<(int ExitCode, string Out, string Error)> KubectlAsync(string version, params string[] args)
    {
        var start = new ProcessStartInfo(KubectlVersions.PathOf(version)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = Path.Combine(_dir, "bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["KUBECONFIG"] = _kubeconfig;
        start.Environment["HOME"] = _dir;

        // The sandbox runs on a simulated clock; the plugin reads it from here, as the demo passes it.
        start.Environment["TARNFUI_NOW"] = AnnotationValues.FormatInstant(_server.Clock.GetCurrentInstant());
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }
}
