using k8s;
using Tarnfui.Core;
using Tarnfui.Deploy.Tests.Infrastructure;
using Tarnfui.Deploy.Tests.Publishing;
using Tarnfui.Testing;

namespace Tarnfui.Deploy.Tests.Install;

/// <summary>
/// The install path of CONTRIBUTING.md ("Trying the install path"), each program its own process as a person runs them:
/// the emulator with the webhook Service routed to a local port, <c>certs/generate.sh</c>,
/// <c>kubectl apply -k manifests/overlays/self-signed</c>, then the published webhook and sweeper configured from what
/// was applied (the ConfigMap, the env of the Deployments, the Secret as a mounted volume). The programs read the real
/// clock, so the night is the schedule <c>Schedule:Uptime=never</c> set in their environment.
/// </summary>
[Trait("Category", "Publish")]
[Collection(PublishedGroup.Name)]
public sealed class InstallPathTests(PublishedPrograms published)
{
    private const string Namespace = "shop";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task At_night_the_applied_configuration_refuses_kubectl_scale_and_the_sweeper_stops_a_running_deployment()
    {
        // Evening: the emulator, the certificates and the manifests, as CONTRIBUTING.md runs them.
        using var work = new TemporaryDirectory();
        CopyWithoutGenerated(Repository.PathOf("certs"), work.Combine("certs"));
        CopyWithoutGenerated(Repository.PathOf("manifests"), work.Combine("manifests"));
        var webhookPort = InstalledPrograms.FreePort();
        await using var serve = await SandboxServe.StartAsync(work.Combine("kubeconfig"), "--no-tarnfui", "--service", $"tarnfui/tarnfui-webhook=127.0.0.1:{webhookPort}");
        await RunAsync("bash", ["certs/generate.sh"], work, serve);
        await KubectlAsync(work, serve, "apply", "-k", "manifests/overlays/self-signed");
        // The webhook is not running yet: the shipped failurePolicy Ignore lets the workload be created anyway.
        await KubectlAsync(work, serve, "create", "namespace", Namespace);
        await KubectlAsync(work, serve, "create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "-n", Namespace);

        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(serve.Kubeconfig));
        // The programs read the real clock: a schedule with no working hours makes now off-hours whatever the time.
        await using var programs = await InstalledPrograms.StartAsync(published, serve, webhookPort, work.Combine("volumes"),
            new Dictionary<string, string> { ["TARNFUI_Schedule__Uptime"] = "never" });
        var (webhook, sweeper) = (programs.Webhook, programs.Sweeper);

        // Stop: the sweeper process stops the running Deployment, writing its record in the same request.
        await Eventually.UntilAsync(async () => (await client.AppsV1.ReadNamespacedDeploymentAsync("web", Namespace)).Spec.Replicas == 0,
            $"the sweeper stops {Namespace}/web\n--- sweeper\n{sweeper.Output}");
        var stopped = await client.AppsV1.ReadNamespacedDeploymentAsync("web", Namespace);
        stopped.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("2");
        stopped.Metadata.Labels[WellKnown.Labels.Stopped].ShouldBe(WellKnown.Labels.StoppedValue);

        // Scale attempt: the emulator calls the webhook through the applied configuration's Service reference.
        var scale = await ProcessRunner.RunAsync("kubectl", Kubectl(work, "scale", "deploy/web", "--replicas=3", "-n", Namespace), Bound,
            work.Path, new Dictionary<string, string?> { ["KUBECONFIG"] = serve.Kubeconfig });

        scale.ExitCode.ShouldBe(1, scale.Describe("kubectl scale at night") + $"\n--- webhook\n{webhook.Output}\n--- serve\n{serve.Error}");
        scale.StandardError.ShouldStartWith("Error from server (Forbidden): admission webhook \"workloads.tarnfui.io\" denied the request: ", Case.Sensitive, scale.StandardError);
        scale.StandardError.ShouldContain($"deployment {Namespace}/web", Case.Sensitive, scale.StandardError);
        (await client.AppsV1.ReadNamespacedDeploymentAsync("web", Namespace)).Spec.Replicas.ShouldBe(0);
    }

    private static string[] Kubectl(TemporaryDirectory work, params string[] arguments) => [.. arguments, "--cache-dir", work.Combine("kubectl-cache")];

    private static Task KubectlAsync(TemporaryDirectory work, SandboxServe serve, params string[] arguments) =>
        RunAsync("kubectl", Kubectl(work, arguments), work, serve);

    private static async Task RunAsync(string program, string[] arguments, TemporaryDirectory work, SandboxServe serve)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, Bound, work.Path, new Dictionary<string, string?> { ["KUBECONFIG"] = serve.Kubeconfig });
        result.ExitCode.ShouldBe(0, result.Describe($"{program} {string.Join(' ', arguments)}") + $"\n--- serve\n{serve.Error}");
    }

    // A person copies the repository's folders; a generated/ left by an earlier run of generate.sh is not part of them.
    private static void CopyWithoutGenerated(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) != "generated"))
        {
            CopyWithoutGenerated(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
