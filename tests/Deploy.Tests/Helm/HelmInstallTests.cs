using k8s;
using Tarnfui.Core;
using Tarnfui.Deploy.Tests.Infrastructure;
using Tarnfui.Deploy.Tests.Install;
using Tarnfui.Deploy.Tests.Publishing;
using Tarnfui.Testing;

namespace Tarnfui.Deploy.Tests.Helm;

/// <summary>
/// The chart's life on the emulator, with each helm: <c>helm install</c> for the night, the chart-installed webhook and
/// sweeper run as the published programs (configured from what helm installed, as <see cref="InstallPathTests"/> does
/// for kustomize), <c>helm upgrade</c> to the morning, <c>kubectl tarnfui restore --all</c>, <c>helm uninstall</c>.
/// The programs read the real clock, so night and morning are the schedules <c>never</c> and <c>always</c> set
/// through the chart's <c>schedule.uptime</c>.
/// </summary>
[Trait("Category", "Publish")]
[Collection(PublishedGroup.Name)]
public sealed class HelmInstallTests(PublishedPrograms published)
{
    private const string Namespace = "shop";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Helms => HelmVersions.Each;

    [Theory, MemberData(nameof(Helms))]
    public async Task Install_a_night_an_upgrade_to_the_morning_and_uninstall_leave_nothing_behind(string helm)
    {
        using var work = new TemporaryDirectory();
        var webhookPort = InstalledPrograms.FreePort();
        await using var serve = await SandboxServe.StartAsync(work.Combine("kubeconfig"), "--no-tarnfui", "--service", $"tarnfui/tarnfui-webhook=127.0.0.1:{webhookPort}");
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(serve.Kubeconfig));

        // Evening: the chart, installed for a night; a workload, created before the webhook runs (failurePolicy Ignore).
        await HelmAsync(helm, serve, work, "install", HelmChart.Release, HelmChart.Folder, "--namespace", WellKnown.Objects.Namespace, "--create-namespace", "--set", "schedule.uptime=never");
        await RunAsync("kubectl", serve, work, "create", "namespace", Namespace);
        await RunAsync("kubectl", serve, work, "create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "-n", Namespace);
        var installedCertificate = await ServingCertificateAsync(client);

        await using (var night = await InstalledPrograms.StartAsync(published, serve, webhookPort, work.Combine("night")))
        {
            await Eventually.UntilAsync(async () => (await client.AppsV1.ReadNamespacedDeploymentAsync("web", Namespace)).Spec.Replicas == 0,
                $"the chart-installed sweeper stops {Namespace}/web\n--- sweeper\n{night.Sweeper.Output}");
            (await client.AppsV1.ReadNamespacedDeploymentAsync("web", Namespace)).Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("2");

            var scale = await ProcessRunner.RunAsync("kubectl", Kubectl(work, "scale", "deploy/web", "--replicas=3", "-n", Namespace), Bound, work.Path, Environment(serve));

            scale.ExitCode.ShouldBe(1, scale.Describe("kubectl scale at night") + $"\n--- webhook\n{night.Webhook.Output}\n--- serve\n{serve.Error}");
            scale.StandardError.ShouldStartWith("Error from server (Forbidden): admission webhook \"workloads.tarnfui.io\" denied the request: ", Case.Sensitive, scale.StandardError);
            (await client.AppsV1.ReadNamespacedDeploymentAsync("web", Namespace)).Spec.Replicas.ShouldBe(0);
        }

        // Morning: an upgrade that changes the schedule rolls both programs; the certificate and its CA are kept.
        await HelmAsync(helm, serve, work, "upgrade", HelmChart.Release, HelmChart.Folder, "--namespace", WellKnown.Objects.Namespace, "--set", "schedule.uptime=always");
        (await ServingCertificateAsync(client)).ShouldBe(installedCertificate, "helm upgrade keeps the generated CA, serving certificate and caBundle");
        await using (var morning = await InstalledPrograms.StartAsync(published, serve, webhookPort, work.Combine("morning")))
        {
            await Eventually.UntilAsync(async () => (await client.AppsV1.ReadNamespacedDeploymentAsync("web", Namespace)).Spec.Replicas == 2,
                $"the upgraded sweeper restores {Namespace}/web\n--- sweeper\n{morning.Sweeper.Output}");
            var restored = await client.AppsV1.ReadNamespacedDeploymentAsync("web", Namespace);
            (restored.Metadata.Annotations ?? new Dictionary<string, string>()).Keys.ShouldNotContain(WellKnown.Annotations.OriginalReplicas);
        }

        // Uninstall as the operations guide says: restore everything, then remove the release.
        await RunAsync("dotnet", serve, work, Path.Combine(AppContext.BaseDirectory, "kubectl-tarnfui.dll"), "restore", "--all");
        await HelmAsync(helm, serve, work, "uninstall", HelmChart.Release, "--namespace", WellKnown.Objects.Namespace);

        var left = await ProcessRunner.RunAsync("kubectl", Kubectl(work, "get", "-A", "-o", "name",
            "deployments,services,secrets,configmaps,serviceaccounts,roles,rolebindings,networkpolicies,poddisruptionbudgets,clusterroles,clusterrolebindings,mutatingwebhookconfigurations"),
            Bound, work.Path, Environment(serve));
        left.ExitCode.ShouldBe(0, left.Describe("kubectl get"));
        left.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(name => name.Contains("tarnfui", StringComparison.Ordinal))
            .ShouldBeEmpty($"helm uninstall leaves no Tarnfui object behind\n{left.StandardOutput}");
        var stopped = await client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: $"{WellKnown.Labels.Stopped}={WellKnown.Labels.StoppedValue}");
        stopped.Items.ShouldBeEmpty("nothing is left held down");
    }

    // The Secret the webhook serves from and the caBundle the API server trusts, as installed.
    private static async Task<string> ServingCertificateAsync(Kubernetes client)
    {
        var secret = await client.CoreV1.ReadNamespacedSecretAsync("tarnfui-webhook-tls", WellKnown.Objects.Namespace);
        var configuration = await client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(WellKnown.Objects.WebhookConfiguration);
        var caBundle = Convert.ToBase64String(configuration.Webhooks.ShouldHaveSingleItem().ClientConfig.CaBundle);
        Convert.ToBase64String(secret.Data["ca.crt"]).ShouldBe(caBundle, "the webhook configuration trusts the CA of the served certificate");
        return string.Join('|', caBundle, Convert.ToBase64String(secret.Data["tls.crt"]), Convert.ToBase64String(secret.Data["tls.key"]));
    }

    private static Dictionary<string, string?> Environment(SandboxServe serve) => new() { ["KUBECONFIG"] = serve.Kubeconfig };

    private static string[] Kubectl(TemporaryDirectory work, params string[] arguments) => [.. arguments, "--cache-dir", work.Combine("kubectl-cache")];

    private static async Task HelmAsync(string helm, SandboxServe serve, TemporaryDirectory work, params string[] arguments)
    {
        var result = await HelmVersions.RunAsync(helm, arguments, work.Path, Environment(serve));
        result.ExitCode.ShouldBe(0, result.Describe($"helm {helm} {string.Join(' ', arguments)}") + $"\n--- serve\n{serve.Error}");
    }

    private static async Task RunAsync(string program, SandboxServe serve, TemporaryDirectory work, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(program, program == "kubectl" ? Kubectl(work, arguments) : arguments, Bound, work.Path, Environment(serve));
        result.ExitCode.ShouldBe(0, result.Describe($"{program} {string.Join(' ', arguments)}") + $"\n--- serve\n{serve.Error}");
    }
}
