using k8s;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Server;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Kubectl;

/// <summary>
/// kubectl's other ways of writing an object, with each kubectl of the matrix: <c>patch</c> with each patch type,
/// server-side apply, and <c>diff</c> against what is stored.
/// </summary>
[Collection("Sandbox")]
public sealed class KubectlPatchTests(SandboxFixture fixture)
{
    private readonly Kubernetes _client = fixture.Client;

    private KubectlRunner Kubectl(string version) => KubectlRunner.For(fixture.Server, path: KubectlVersions.PathOf(version));

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Patch_with_each_patch_type_changes_the_deployment(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        await kubectl.SucceedAsync("apply", "-f", kubectl.WriteFile($"{ns}.yaml", KubectlManifests.Deployment(ns, 1, "nginx:1.27")));

        // A strategic merge patch merges containers by name; a merge patch would have replaced the list.
        var strategic = await kubectl.SucceedAsync("patch", "deploy", "web", "-n", ns, "--type=strategic",
            "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}}""");
        var merge = await kubectl.SucceedAsync("patch", "deploy", "web", "-n", ns, "--type=merge", "-p", """{"metadata":{"labels":{"tier":"front"}}}""");
        var json = await kubectl.SucceedAsync("patch", "deploy", "web", "-n", ns, "--type=json", "-p", """[{"op":"replace","path":"/spec/replicas","value":2}]""");

        foreach (var printed in (string[])[strategic, merge, json])
        {
            printed.Trim().ShouldBe("deployment.apps/web patched");
        }

        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        deployment.Spec.Template.Spec.Containers.Select(c => c.Name).ShouldBe(["web", "sidecar"]);
        deployment.Metadata.Labels["tier"].ShouldBe("front");
        deployment.Spec.Replicas.ShouldBe(2);
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Server_side_apply_creates_then_updates_a_deployment(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        var path = kubectl.WriteFile($"{ns}.yaml", KubectlManifests.Deployment(ns, 2, "nginx:1.27"));

        (await kubectl.SucceedAsync("apply", "--server-side", "-f", path)).Trim().ShouldBe("deployment.apps/web serverside-applied");
        File.WriteAllText(path, KubectlManifests.Deployment(ns, 4, "nginx:1.28"));
        (await kubectl.SucceedAsync("apply", "--server-side", "-f", path)).Trim().ShouldBe("deployment.apps/web serverside-applied");

        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        deployment.Spec.Replicas.ShouldBe(4);
        deployment.Spec.Template.Spec.Containers.Single().Image.ShouldBe("nginx:1.28");
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Diff_shows_what_applying_a_changed_manifest_would_change_and_nothing_for_the_applied_one(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        var path = kubectl.WriteFile($"{ns}.yaml", KubectlManifests.Deployment(ns, 2, "nginx:1.27"));
        await kubectl.SucceedAsync("apply", "-f", path);

        var unchanged = await kubectl.RunAsync("diff", "-f", path);
        File.WriteAllText(path, KubectlManifests.Deployment(ns, 5, "nginx:1.27"));
        var changed = await kubectl.RunAsync("diff", "-f", path);

        // kubectl diff exits 0 for no difference, 1 for a difference, above 1 for an error.
        unchanged.ExitCode.ShouldBe(0, unchanged.Error + unchanged.Output);
        changed.ExitCode.ShouldBe(1, changed.Error);
        changed.Output.ShouldContain("-  replicas: 2");
        changed.Output.ShouldContain("+  replicas: 5");
    }
}
