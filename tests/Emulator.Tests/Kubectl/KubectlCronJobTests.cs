using k8s;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Kubectl;

/// <summary>The emulator serves batch/v1 CronJobs to the real kubectl: apply, get with its columns, patch, explain.</summary>
[Collection("Sandbox")]
public sealed class KubectlCronJobTests(SandboxFixture fixture) : IDisposable
{
    private readonly KubectlRunner _kubectl = KubectlRunner.For(fixture.Server);
    private readonly Kubernetes _client = fixture.Client;

    public void Dispose() => _kubectl.Dispose();

    private static string Manifest(string ns, string schedule) => $"""
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: nightly
          namespace: {ns}
        spec:
          schedule: "{schedule}"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - name: report
                    image: busybox
        """;

    [Fact]
    public async Task Apply_get_and_patch_a_cronjob()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var path = _kubectl.WriteFile($"{ns}-cj.yaml", Manifest(ns, "0 2 * * *"));

        (await _kubectl.SucceedAsync("apply", "-f", path)).Trim().ShouldBe("cronjob.batch/nightly created");
        File.WriteAllText(path, Manifest(ns, "30 3 * * *"));
        (await _kubectl.SucceedAsync("apply", "-f", path)).Trim().ShouldBe("cronjob.batch/nightly configured");

        var lines = (await _kubectl.SucceedAsync("get", "cj", "-n", ns)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST", "SCHEDULE", "AGE"]);
        lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..7].ShouldBe(["nightly", "30", "3", "*", "*", "*", "<none>"]);
        lines[1].ShouldContain("False", Case.Sensitive, "spec.suspend is defaulted to false, as kube-apiserver does");

        (await _kubectl.SucceedAsync("patch", "cronjob", "nightly", "-n", ns, "-p", """{"spec":{"suspend":true}}""")).Trim().ShouldBe("cronjob.batch/nightly patched");

        var cronJob = await _client.BatchV1.ReadNamespacedCronJobAsync("nightly", ns);
        (cronJob.Spec.Schedule, cronJob.Spec.Suspend).ShouldBe(("30 3 * * *", (bool?)true));
        (await _kubectl.SucceedAsync("get", "cronjobs.batch", "nightly", "-n", ns, "-o", "jsonpath={.spec.suspend}")).Trim().ShouldBe("true");
    }
}
