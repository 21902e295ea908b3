using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Api;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Kubectl;

[Collection("Sandbox")]
public sealed class KubectlTests(SandboxFixture fixture) : IDisposable
{
    private readonly KubectlRunner _kubectl = KubectlRunner.For(fixture.Server);
    private readonly Kubernetes _client = fixture.Client;

    public void Dispose() => _kubectl.Dispose();

    private static string Manifest(string ns, int replicas, string image) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
          labels:
            app: web
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: {image}
        """;

    [Fact]
    public async Task Get_deploy_all_namespaces_shows_the_usual_columns()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var deployment = Objects.Deployment("web", replicas: 3);
        await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
        await _client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch("""{"status":{"replicas":3,"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}""", V1Patch.PatchType.MergePatch), "web", ns);

        var output = await _kubectl.SucceedAsync("get", "deploy", "-A");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["NAMESPACE", "NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]);
        lines.Single(l => l.StartsWith(ns + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[..5]
            .ShouldBe([ns, "web", "2/3", "3", "2"]);
    }

    [Fact]
    public async Task Get_pods_by_label_lists_only_matching_pods_with_pod_columns()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("x-1", "Running", new Dictionary<string, string> { ["app"] = "x" }), ns);
        await _client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("y-1", "Running", new Dictionary<string, string> { ["app"] = "y" }), ns);

        var output = await _kubectl.SucceedAsync("get", "pods", "-n", ns, "-l", "app=x");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
        lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ShouldBe(["x-1"]);
        lines[1].ShouldContain("Running");
    }

    [Fact]
    public async Task Scale_goes_through_the_scale_subresource()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 1), ns);

        var output = await _kubectl.SucceedAsync("scale", "deploy/web", "--replicas=3", "-n", ns);

        output.Trim().ShouldBe("deployment.apps/web scaled");
        (await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(3);
        fixture.Admission.SeenIn(ns).Last().SubResource.ShouldBe("scale");
    }

    [Fact]
    public async Task A_denied_scale_shows_the_admission_message()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 0), ns);
        fixture.Admission.RuleFor(ns, a => a.SubResource == "scale"
            ? AdmissionResult.Deny($"admission webhook \"{WellKnown.Objects.WebhookName}\" denied the request: off-hours until 07:00")
            : AdmissionResult.Allow(a.NewObject));

        var result = await _kubectl.RunAsync("scale", "deploy/web", "--replicas=3", "-n", ns);

        result.ExitCode.ShouldNotBe(0);
        result.Error.Trim().ShouldBe(
            $"Error from server (Forbidden): admission webhook \"{WellKnown.Objects.WebhookName}\" denied the request: off-hours until 07:00");
    }

    [Fact]
    public async Task Annotate_and_label_patch_the_deployment()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);

        await _kubectl.SucceedAsync("annotate", "deploy", "web", "-n", ns, $"{WellKnown.Annotations.ExcludeUntil}=2026-11-24");
        await _kubectl.SucceedAsync("label", "deploy", "web", "-n", ns, "team=payments");

        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        deployment.Metadata.Annotations[WellKnown.Annotations.ExcludeUntil].ShouldBe("2026-11-24");
        deployment.Metadata.Labels["team"].ShouldBe("payments");
    }

    [Fact]
    public async Task Apply_creates_then_updates_a_deployment_from_a_manifest()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var path = _kubectl.WriteFile($"{ns}.yaml", Manifest(ns, 2, "nginx:1.27"));

        (await _kubectl.SucceedAsync("apply", "-f", path)).Trim().ShouldBe("deployment.apps/web created");
        File.WriteAllText(path, Manifest(ns, 4, "nginx:1.28"));
        (await _kubectl.SucceedAsync("apply", "-f", path)).Trim().ShouldBe("deployment.apps/web configured");

        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        deployment.Spec.Replicas.ShouldBe(4);
        deployment.Spec.Template.Spec.Containers.Single().Image.ShouldBe("nginx:1.28");
        deployment.Metadata.Annotations.ShouldContainKey("kubectl.kubernetes.io/last-applied-configuration");
        deployment.Metadata.Generation.ShouldBe(2);
    }

    [Fact]
    public async Task Apply_with_an_unknown_field_is_refused_by_server_side_validation()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var path = _kubectl.WriteFile($"{ns}-bad.yaml", Manifest(ns, 2, "nginx:1.27").Replace("  replicas:", "  replicaz:", StringComparison.Ordinal));

        var result = await _kubectl.RunAsync("apply", "-f", path);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("strict decoding error: unknown field \"spec.replicaz\"");
    }

    [Fact]
    public async Task Get_as_yaml_shows_the_stored_object()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 2), ns);

        var yaml = await _kubectl.SucceedAsync("get", "deploy", "web", "-n", ns, "-o", "yaml");

        yaml.ShouldContain("kind: Deployment");
        yaml.ShouldContain("  replicas: 2");
        yaml.ShouldContain($"  namespace: {ns}");
        yaml.ShouldContain("  uid: ");
    }

    [Fact]
    public async Task Delete_removes_and_a_missing_object_prints_not_found_like_a_real_cluster()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);

        (await _kubectl.SucceedAsync("delete", "deploy", "web", "-n", ns)).Trim().ShouldBe("deployment.apps \"web\" deleted");
        var missing = await _kubectl.RunAsync("get", "deploy", "web", "-n", ns);

        missing.ExitCode.ShouldBe(1);
        missing.Error.Trim().ShouldBe("Error from server (NotFound): deployments.apps \"web\" not found");
    }

    [Fact]
    public async Task Create_namespace_deployment_configmap_and_run_work_although_kubectl_sends_them_as_protobuf()
    {
        var ns = "proto-" + Guid.NewGuid().ToString("n")[..8];

        await _kubectl.SucceedAsync("create", "namespace", ns);
        await _kubectl.SucceedAsync("create", "deployment", "web", "--image=nginx", "--replicas=2", "--port=8080", "-n", ns);
        await _kubectl.SucceedAsync("create", "deployment", "idle", "--image=nginx", "--replicas=0", "-n", ns);
        await _kubectl.SucceedAsync("create", "configmap", "settings", "--from-literal=a=1", "--from-literal=b=2", "-n", ns);
        await _kubectl.SucceedAsync("run", "probe", "--image=busybox", "--env=MODE=once", "--labels=role=probe", "--restart=Never", "-n", ns, "--", "sleep", "10");

        var web = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        web.Spec.Replicas.ShouldBe(2);
        web.Spec.Template.Spec.Containers.Single().Ports.Single().ContainerPort.ShouldBe(8080);
        (await _client.AppsV1.ReadNamespacedDeploymentAsync("idle", ns)).Spec.Replicas.ShouldBe(0, "an explicit zero survives the protobuf decoding");
        var probe = await _client.CoreV1.ReadNamespacedPodAsync("probe", ns);
        probe.Metadata.Labels["role"].ShouldBe("probe");
        probe.Spec.RestartPolicy.ShouldBe("Never");
        probe.Spec.Containers.Single().Args.ShouldBe(["sleep", "10"]);
        probe.Spec.Containers.Single().Env.Single().Value.ShouldBe("once");
        (await _kubectl.SucceedAsync("get", "configmap", "settings", "-n", ns)).ShouldMatch("(?m)^settings +2 +\\S+$");
    }
}
