using k8s;
using k8s.Models;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Store;

/// <summary>
/// A Job is stored with kube-apiserver's defaults (SetDefaults_Job): <c>spec.suspend: false</c>, so that a suspend can
/// test the value it read, and the counts a Job created without them runs with.
/// </summary>
[Collection("Sandbox")]
public sealed class JobDefaultsTests(SandboxFixture fixture)
{
    // parallelism, completions as sent (null: left out) → as stored
    [Theory]
    [InlineData(null, null, 1, 1)]
    [InlineData(3, null, 3, null)]
    [InlineData(null, 5, 1, 5)]
    [InlineData(2, 4, 2, 4)]
    public async Task A_job_is_stored_with_the_api_servers_defaults(int? parallelism, int? completions, int storedParallelism, int? storedCompletions)
    {
        var ns = await fixture.CreateNamespaceAsync("job-defaults");

        var job = await fixture.Client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "backfill" },
            Spec = new V1JobSpec
            {
                Parallelism = parallelism,
                Completions = completions,
                Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "main", Image = "busybox:1.37" }] } },
            },
        }, ns);

        (job.Spec.Suspend, job.Spec.Parallelism, job.Spec.Completions, job.Spec.BackoffLimit, job.Spec.CompletionMode)
            .ShouldBe((false, storedParallelism, storedCompletions, 6, "NonIndexed"));
    }
}
