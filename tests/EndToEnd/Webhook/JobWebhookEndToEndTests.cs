using k8s;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;

namespace Tarnfui.EndToEnd.Webhook;

/// <summary>
/// A Job through the sandbox API server and the hosted webhook (<c>Webhook:SuspendNewJobs=true</c>) with the real
/// kubectl, under the shipped registration: created at night to run, it is stored suspended with its intent; created
/// suspended, it is left alone; a person's resume at night is an UPDATE, let through.
/// </summary>
[Collection(WebhookSandboxDefinition.Name)]
public sealed class JobWebhookEndToEndTests(WebhookSandboxFixture sandbox) : IDisposable
{
    private readonly KubectlRunner _kubectl = KubectlRunner.For(sandbox.Server, EmulatorUsers.Cli);

    [Fact]
    public async Task Kubectl_create_of_a_job_at_night_stores_it_suspended_and_a_persons_resume_goes_through()
    {
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        var ns = await sandbox.CreateNamespaceAsync();

        var create = await _kubectl.RunAsync("create", "-f", Manifest(ns, "backfill", "false"));

        create.ExitCode.ShouldBe(0, create.Error);
        create.Error.ShouldContain($"Warning: tarnfui: job {ns}/backfill is suspended for off-hours (schedule \"{WebhookSandboxFixture.Uptime}\"): no pod of it starts until");
        (await SuspendAsync(ns, "backfill")).ShouldBe("true");
        var stored = await sandbox.Client.BatchV1.ReadNamespacedJobAsync("backfill", ns);
        stored.Metadata.Annotations[WellKnown.Annotations.OriginalSuspend].ShouldBe("false");
        stored.Metadata.Labels[WellKnown.Labels.Stopped].ShouldBe("true");

        var resume = await _kubectl.RunAsync("patch", "job/backfill", "-n", ns, "--type=merge", "-p", """{"spec":{"suspend":false}}""");

        resume.ExitCode.ShouldBe(0, resume.Error);
        resume.Error.ShouldNotContain("tarnfui");
        (await SuspendAsync(ns, "backfill")).ShouldBe("false", "a Job's UPDATE is never the webhook's");
    }

    [Fact]
    public async Task A_job_created_suspended_at_night_is_left_alone()
    {
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        var ns = await sandbox.CreateNamespaceAsync();

        var create = await _kubectl.RunAsync("create", "-f", Manifest(ns, "queued", "true"));

        create.ExitCode.ShouldBe(0, create.Error);
        create.Error.ShouldNotContain("tarnfui");
        (await SuspendAsync(ns, "queued")).ShouldBe("true");
        var stored = await sandbox.Client.BatchV1.ReadNamespacedJobAsync("queued", ns);
        (stored.Metadata.Annotations ?? new Dictionary<string, string>()).Keys.ShouldNotContain(WellKnown.Annotations.OriginalSuspend);
    }

    public void Dispose() => _kubectl.Dispose();

    private async Task<string> SuspendAsync(string ns, string name)
    {
        var get = await _kubectl.RunAsync("get", $"job/{name}", "-n", ns, "-o", "jsonpath={.spec.suspend}");
        get.ExitCode.ShouldBe(0, get.Error);
        return get.Output;
    }

    private string Manifest(string ns, string name, string suspend) => _kubectl.WriteFile($"{name}.yaml", $"""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          suspend: {suspend}
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: {name}
                  image: registry.example.com/shop/{name}:1
        """);
}
