using System.Diagnostics;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Server;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// The install path with the real kubectl: <c>kubectl apply -k</c> of the shipped manifests (client-side and
/// server-side), <c>kubectl diff -k</c> after it, <c>kubectl explain</c> from OpenAPI v3, and the monitoring
/// manifests once a ServiceMonitor CRD is applied; each with every kubectl of the matrix (<see cref="KubectlVersions"/>).
/// </summary>
[Collection("Sandbox")]
public sealed class KubectlInstallTests(SandboxFixture fixture) : IDisposable
{
    private static readonly string Repository = RepositoryRoot.Path;
    private readonly DirectoryInfo _copy = Directory.CreateTempSubdirectory("tarnfui-install-");

    public void Dispose() => _copy.Delete(recursive: true);

    private KubectlRunner Kubectl(string version) => KubectlRunner.For(fixture.Server, path: KubectlVersions.PathOf(version));

    // A copy of manifests/ and certs/ with the self-signed overlay's generated/ files, as certs/generate.sh makes them.
    private async Task<string> ManifestsWithCertificatesAsync()
    {
        foreach (var folder in (string[])["manifests", "certs"])
        {
            CopyDirectory(Path.Combine(Repository, folder), Path.Combine(_copy.FullName, folder));
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(_copy.FullName, "certs", "generate.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var generate = Process.Start(start)!;
        var error = generate.StandardError.ReadToEndAsync();
        await generate.StandardOutput.ReadToEndAsync();
        await generate.WaitForExitAsync();
        generate.ExitCode.ShouldBe(0, await error);
        return Path.Combine(_copy.FullName, "manifests");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/generated/", StringComparison.Ordinal)))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
        }
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Apply_k_of_the_shipped_manifests_succeeds(string version)
    {
        // The install's objects have fixed names: each version installs into a cluster of its own, as a first install.
        await using var cluster = await EmulatorServer.StartAsync(new EmulatorOptions { EmulateControllers = false });
        using var kubectl = KubectlRunner.For(cluster, path: KubectlVersions.PathOf(version));
        var manifests = await ManifestsWithCertificatesAsync();
        var overlay = Path.Combine(manifests, "overlays", "self-signed");

        var first = await kubectl.SucceedAsync("apply", "-k", overlay);
        await kubectl.SucceedAsync("apply", "-k", overlay);
        var diff = await kubectl.RunAsync("diff", "-k", overlay);
        var serverSide = await kubectl.SucceedAsync("apply", "--server-side", "-k", overlay);

        foreach (var created in (string[])[
            "namespace/tarnfui", "serviceaccount/tarnfui-sweeper", "role.rbac.authorization.k8s.io/tarnfui-sweeper-leader-election",
            "clusterrole.rbac.authorization.k8s.io/tarnfui-sweeper", "rolebinding.rbac.authorization.k8s.io/tarnfui-sweeper-leader-election",
            "clusterrolebinding.rbac.authorization.k8s.io/tarnfui-webhook", "secret/tarnfui-webhook-tls", "service/tarnfui-webhook",
            "deployment.apps/tarnfui-sweeper", "poddisruptionbudget.policy/tarnfui-webhook", "networkpolicy.networking.k8s.io/tarnfui-sweeper",
            "mutatingwebhookconfiguration.admissionregistration.k8s.io/tarnfui"])
        {
            first.ShouldContain($"{created} created");
            serverSide.ShouldContain($"{created} serverside-applied");
        }

        diff.ExitCode.ShouldBe(0, diff.Error + diff.Output);
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Apply_k_of_the_monitoring_manifests_succeeds_once_the_prometheus_operator_crds_are_applied(string version)
    {
        using var kubectl = Kubectl(version);
        var crd = kubectl.WriteFile("prometheus-operator-crds.yaml", """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: servicemonitors.monitoring.coreos.com
            spec:
              group: monitoring.coreos.com
              scope: Namespaced
              names: { plural: servicemonitors, singular: servicemonitor, kind: ServiceMonitor, listKind: ServiceMonitorList, shortNames: [smon] }
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec: { type: object, x-kubernetes-preserve-unknown-fields: true }
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: prometheusrules.monitoring.coreos.com
            spec:
              group: monitoring.coreos.com
              scope: Namespaced
              names: { plural: prometheusrules, singular: prometheusrule, kind: PrometheusRule, listKind: PrometheusRuleList, shortNames: [promrule] }
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec: { type: object, x-kubernetes-preserve-unknown-fields: true }
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: tarnfui
            """);
        await kubectl.SucceedAsync("apply", "-f", crd);

        var output = await kubectl.SucceedAsync("apply", "-k", Path.Combine(Repository, "manifests", "monitoring"));
        var listed = await kubectl.SucceedAsync("get", "servicemonitors", "-n", "tarnfui", "-o", "name");

        output.ShouldContain("servicemonitor.monitoring.coreos.com/tarnfui-webhook");
        output.ShouldContain("prometheusrule.monitoring.coreos.com/tarnfui");
        listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
            ["servicemonitor.monitoring.coreos.com/tarnfui-sweeper", "servicemonitor.monitoring.coreos.com/tarnfui-webhook"]);
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Explain_deployment_spec_replicas_reads_the_openapi_v3_schema(string version)
    {
        using var kubectl = Kubectl(version);
        var output = await kubectl.SucceedAsync("explain", "deployment.spec.replicas");

        output.ShouldContain("FIELD: replicas <integer>");
    }

    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public async Task Kubectl_scales_a_custom_resource_through_its_scale_subresource(string version)
    {
        using var kubectl = Kubectl(version);
        var ns = await fixture.CreateNamespaceAsync();
        var group = TestCrds.NewGroup();
        await kubectl.SucceedAsync("apply", "-f", kubectl.WriteFile("widgets.json", TestCrds.Widgets(group)));
        await kubectl.SucceedAsync("apply", "-f", kubectl.WriteFile("widget.json", TestCrds.Widget(group, "w1", 2, ns)));

        await kubectl.SucceedAsync("scale", $"widgets.{group}/w1", "-n", ns, "--replicas=4");

        var size = await kubectl.SucceedAsync("get", $"widgets.{group}", "w1", "-n", ns, "-o", "jsonpath={.spec.size}");
        size.ShouldBe("4");
    }
}
