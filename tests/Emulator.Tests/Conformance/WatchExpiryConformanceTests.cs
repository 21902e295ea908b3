using k8s;
using k8s.Models;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// A watch from a resourceVersion the watch cache no longer holds: kube-apiserver answers 200 and sends one ERROR event
/// carrying a 410 Expired Status, "too old resource version" (staging/src/k8s.io/apiserver/pkg/storage/cacher/
/// watch_cache.go, <c>getAllEventsSinceLocked</c>; cacher.go's <c>Watch</c> returns it through an error watcher rather
/// than failing the request), and the client lists again.
/// </summary>
public sealed class WatchExpiryConformanceTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Watch_from_a_resourceVersion_older_than_the_history_gets_an_ERROR_event_with_410_Expired()
    {
        await using var small = await Tarnfui.Emulator.Server.EmulatorServer.StartAsync(new Tarnfui.Emulator.Server.EmulatorOptions { WatchHistory = 5 });
        using var client = small.CreateClient();
        var first = await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "n0" } });
        for (var i = 1; i <= 10; i++)
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = $"n{i}" } });
        }

        using var cancellation = new CancellationTokenSource(Bound);
        var errors = new List<Exception>();
        var events = 0;
        await foreach (var _ in client.CoreV1.WatchListNamespaceAsync(resourceVersion: first.Metadata.ResourceVersion,
            onError: errors.Add, cancellationToken: cancellation.Token))
        {
            events++;
        }

        // KubernetesClient hands the ERROR event's Status to onError and ends the stream when the server closes it.
        events.ShouldBe(0);
        var error = errors.ShouldHaveSingleItem().ShouldBeOfType<KubernetesException>();
        error.Status.Code.ShouldBe(410);
        error.Status.Reason.ShouldBe("Expired");
        error.Message.ShouldContain("too old resource version");
    }
}
