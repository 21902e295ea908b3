using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Api;
using Tarnfui.Emulator.Tests.Server;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Kubectl;

/// <summary>
/// What a person at a terminal does with kubectl against the emulator, with each kubectl of the matrix
/// (<see cref="KubectlVersions"/>): get as a table and as YAML, scale, annotate and label, client-side apply, create
/// (sent as protobuf), delete, and the errors kubectl prints.
/// </summary>
[Collection("Sandbox")]
public sealed class KubectlTests(SandboxFixture fixture)
{
    private readonly Kubernetes _client = fixture.Client;

    private KubectlRunner Kubectl(string version) => KubectlRunner.For(fixture.Server, path: KubectlVersions.PathOf(version));

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Get_deploy_all_namespaces_shows_the_usual_columns(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        var deployment = Objects.Deployment("web", replicas: 3);
        await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
        await _client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch("""{"status":{"replicas":3,"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}""", V1Patch.PatchType.MergePatch), "web", ns);

        var output = await kubectl.SucceedAsync("get", "deploy", "-A");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["NAMESPACE", "NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]);
        lines.Single(l => l.StartsWith(ns + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[..5]
            .ShouldBe([ns, "web", "2/3", "3", "2"]);
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Get_pods_by_label_lists_only_matching_pods_with_pod_columns(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        await _client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("x-1", "Running", new Dictionary<string, string> { ["app"] = "x" }), ns);
        await _client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("y-1", "Running", new Dictionary<string, string> { ["app"] = "y" }), ns);

        var output = await kubectl.SucceedAsync("get", "pods", "-n", ns, "-l", "app=x");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
        lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ShouldBe(["x-1"]);
        lines[1].ShouldContain("Running");
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Scale_goes_through_the_scale_subresource(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 1), ns);

        var output = await kubectl.SucceedAsync("scale", "deploy/web", "--replicas=3", "-n", ns);

        output.Trim().ShouldBe("deployment.apps/web scaled");
        (await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(3);
        fixture.Admission.SeenIn(ns).Last().SubResource.ShouldBe("scale");
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task A_denied_scale_shows_the_admission_message(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 0), ns);
        fixture.Admission.RuleFor(ns, a => a.SubResource == "scale"
            ? AdmissionResult.Deny($"admission webhook \"{WellKnown.Objects.WebhookName}\" denied the request: off-hours until 07:00")
            : AdmissionResult.Allow(a.NewObject));

        var result = await kubectl.RunAsync("scale", "deploy/web", "--replicas=3", "-n", ns);

        result.ExitCode.ShouldNotBe(0);
        result.Error.Trim().ShouldBe(
            $"Error from server (Forbidden): admission webhook \"{WellKnown.Objects.WebhookName}\" denied the request: off-hours until 07:00");
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Annotate_and_label_patch_the_deployment(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);

        await kubectl.SucceedAsync("annotate", "deploy", "web", "-n", ns, $"{WellKnown.Annotations.ExcludeUntil}=2026-11-24");
        await kubectl.SucceedAsync("label", "deploy", "web", "-n", ns, "team=payments");

        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        deployment.Metadata.Annotations[WellKnown.Annotations.ExcludeUntil].ShouldBe("2026-11-24");
        deployment.Metadata.Labels["team"].ShouldBe("payments");
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Apply_creates_then_updates_a_deployment_from_a_manifest(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        var path = kubectl.WriteFile($"{ns}.yaml", KubectlManifests.Deployment(ns, 2, "nginx:1.27"));

        (await kubectl.SucceedAsync("apply", "-f", path)).Trim().ShouldBe("deployment.apps/web created");
        File.WriteAllText(path, KubectlManifests.Deployment(ns, 4, "nginx:1.28"));
        (await kubectl.SucceedAsync("apply", "-f", path)).Trim().ShouldBe("deployment.apps/web configured");

        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        deployment.Spec.Replicas.ShouldBe(4);
        deployment.Spec.Template.Spec.Containers.Single().Image.ShouldBe("nginx:1.28");
        deployment.Metadata.Annotations.ShouldContainKey("kubectl.kubernetes.io/last-applied-configuration");
        deployment.Metadata.Generation.ShouldBe(2);
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Apply_with_an_unknown_field_is_refused_by_server_side_validation(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        var path = kubectl.WriteFile($"{ns}-bad.yaml", KubectlManifests.Deployment(ns, 2, "nginx:1.27").Replace("  replicas:", "  replicaz:", StringComparison.Ordinal));

        var result = await kubectl.RunAsync("apply", "-f", path);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("strict decoding error: unknown field \"spec.replicaz\"");
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Get_as_yaml_shows_the_stored_object(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 2), ns);

        var yaml = await kubectl.SucceedAsync("get", "deploy", "web", "-n", ns, "-o", "yaml");

        yaml.ShouldContain("kind: Deployment");
        yaml.ShouldContain("  replicas: 2");
        yaml.ShouldContain($"  namespace: {ns}");
        yaml.ShouldContain("  uid: ");
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Delete_removes_and_a_missing_object_prints_not_found_like_a_real_cluster(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);

        var deleted = await kubectl.SucceedAsync("delete", "deploy", "web", "-n", ns);
        var missing = await kubectl.RunAsync("get", "deploy", "web", "-n", ns);

        // kubectl 1.33 and later name the namespace it deleted from; the server's answer is the same.
        deleted.Trim().ShouldBe(string.CompareOrdinal(version, "1.33") >= 0
            ? $"deployment.apps \"web\" deleted from {ns} namespace"
            : "deployment.apps \"web\" deleted");
        missing.ExitCode.ShouldBe(1);
        missing.Error.Trim().ShouldBe("Error from server (NotFound): deployments.apps \"web\" not found");
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Create_namespace_deployment_configmap_and_run_work_although_kubectl_sends_them_as_protobuf(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = "proto-" + Guid.NewGuid().ToString("n")[..8];

        await kubectl.SucceedAsync("create", "namespace", ns);
        await kubectl.SucceedAsync("create", "deployment", "web", "--image=nginx", "--replicas=2", "--port=8080", "-n", ns);
        await kubectl.SucceedAsync("create", "deployment", "idle", "--image=nginx", "--replicas=0", "-n", ns);
        await kubectl.SucceedAsync("create", "configmap", "settings", "--from-literal=a=1", "--from-literal=b=2", "-n", ns);
        await kubectl.SucceedAsync("run", "probe", "--image=busybox", "--env=MODE=once", "--labels=role=probe", "--restart=Never", "-n", ns, "--", "sleep", "10");

        var web = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        web.Spec.Replicas.ShouldBe(2);
        web.Spec.Template.Spec.Containers.Single().Ports.Single().ContainerPort.ShouldBe(8080);
        (await _client.AppsV1.ReadNamespacedDeploymentAsync("idle", ns)).Spec.Replicas.ShouldBe(0, "an explicit zero survives the protobuf decoding");
        var probe = await _client.CoreV1.ReadNamespacedPodAsync("probe", ns);
        probe.Metadata.Labels["role"].ShouldBe("probe");
        probe.Spec.RestartPolicy.ShouldBe("Never");
        probe.Spec.Containers.Single().Args.ShouldBe(["sleep", "10"]);
        probe.Spec.Containers.Single().Env.Single().Value.ShouldBe("once");
        (await kubectl.SucceedAsync("get", "configmap", "settings", "-n", ns)).ShouldMatch("(?m)^settings +2 +\\S+$");
    }
}
