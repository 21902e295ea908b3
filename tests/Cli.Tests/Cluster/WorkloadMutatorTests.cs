using k8s;
using k8s.Models;
using Tarnfui.Cli.Cluster.Patching;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Tests.Cluster;

[Collection("Sandbox")]
public class WorkloadMutatorTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task A_write_between_read_and_patch_fails_the_resourceVersion_test_and_the_change_is_decided_again()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "web", 2);
        var api = new WorkloadApi(sandbox.Admin);
        var decisions = new List<int?>();

        var outcome = await new WorkloadMutator(api).ApplyAsync(
            new WorkloadRef(WorkloadKind.Deployment, ns, "web"),
            known: null,
            (workload, _) =>
            {
                decisions.Add(workload.Replicas);
                if (decisions.Count == 1)
                {
                    // Someone scales it between our read and our write: the stale stop must not land.
                    sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "web", ns).GetAwaiter().GetResult();
                }

                return new WorkloadChange.Patch(CliPatches.Stop(workload, workload.Replicas!.Value, 0, TestWorkloads.Night, endWake: false), "stopped");
            },
            CancellationToken.None);

        outcome.Result.ShouldBe(ChangeResult.Changed);
        decisions.ShouldBe([2, 4]);
        var web = await sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        web.Spec.Replicas.ShouldBe(0);
        web.Metadata.Annotations[Core.WellKnown.Annotations.OriginalReplicas].ShouldBe("4", "the count recorded is the one that was current when the stop landed");
    }
}
