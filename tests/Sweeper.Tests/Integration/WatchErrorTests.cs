using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Server;
using Tarnfui.Sweeper.Kube;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// What a watch does with an ERROR event: kube-apiserver answers a watch from a resource version it has compacted
/// away with a 200 whose only event is an ERROR carrying a 410 Expired Status. The watch must end with it (the view
/// then lists again), not read past it and reconnect from the same version.
/// </summary>
public sealed class WatchErrorTests
{
    public static TheoryData<string> Watches() => ["namespaces", "stopped deployments", "stopped statefulsets"];

    [Theory]
    [MemberData(nameof(Watches))]
    public async Task A_watch_from_a_compacted_resource_version_ends_with_the_410(string watch)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = SweeperSandbox.Noon, Speed = 0, WatchHistory = 4, EmulateControllers = false });
        using (var admin = server.CreateClient())
        {
            for (var i = 0; i < 8; i++)
            {
                await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = $"churn-{i}" } });
            }
        }

        await using var sweeper = TestSweeper.Create(server, "watch-expired");
        var api = sweeper.Services.GetRequiredService<KubeApi>();
        using var timeout = new CancellationTokenSource(SweeperSandbox.Bound);

        var events = watch switch
        {
            "namespaces" => api.WatchNamespacesAsync(null, "1", () => { }, timeout.Token),
            "stopped deployments" => api.WatchStoppedAsync(WorkloadKind.Deployment, null, "1", () => { }, timeout.Token),
            _ => api.WatchStoppedAsync(WorkloadKind.StatefulSet, null, "1", () => { }, timeout.Token),
        };
        var ended = await Should.ThrowAsync<KubernetesException>(async () =>
        {
            await foreach (var _ in events)
            {
            }
        });

        ended.Status.Code.ShouldBe(410);
        ended.Status.Reason.ShouldBe("Expired");
    }
}
