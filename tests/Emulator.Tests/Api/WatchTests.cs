using k8s;
using k8s.Models;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Api;

[Collection("Sandbox")]
public sealed class WatchTests(SandboxFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly Kubernetes _client = fixture.Client;

    [Fact]
    public async Task Watch_from_a_resource_version_replays_then_streams_added_modified_deleted()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var list = await _client.AppsV1.ListNamespacedDeploymentAsync(ns);
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("before"), ns);
        using var cancellation = new CancellationTokenSource(Bound);
        var events = new List<string>();
        var sawFirst = new TaskCompletionSource();

        var watching = Task.Run(async () =>
        {
            await foreach (var (type, deployment) in _client.AppsV1.WatchListNamespacedDeploymentAsync(
                ns, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cancellation.Token))
            {
                events.Add($"{type} {deployment.Metadata.Name} {deployment.Spec.Replicas}");
                sawFirst.TrySetResult();
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });
        await sawFirst.Task.WaitAsync(Bound);
        await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "before", ns);
        await _client.AppsV1.DeleteNamespacedDeploymentAsync("before", ns);
        await watching.WaitAsync(Bound);

        events.ShouldBe(["Added before 1", "Modified before 4", "Deleted before 4"]);
    }

    [Fact]
    public async Task A_watch_that_asks_for_bookmarks_gets_them_with_the_resource_version_reached()
    {
        await using var server = await Tarnfui.Emulator.Server.EmulatorServer.StartAsync(new Tarnfui.Emulator.Server.EmulatorOptions { EmulateControllers = false, WatchBookmarkInterval = TimeSpan.FromMilliseconds(100) });
        using var client = server.CreateClient();
        var list = await client.AppsV1.ListNamespacedDeploymentAsync("default");
        using var cancellation = new CancellationTokenSource(Bound);
        var events = new List<(WatchEventType Type, long Version)>();
        var added = 0L;

        // The typed WatchList helpers cannot ask for bookmarks; the response-based watch they are built on can.
#pragma warning disable CS0618
        var response = client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync("default", allowWatchBookmarks: true, resourceVersion: list.Metadata.ResourceVersion, watch: true, cancellationToken: cancellation.Token);
        await foreach (var (type, deployment) in response.WatchAsync<V1Deployment, V1DeploymentList>(cancellationToken: cancellation.Token))
#pragma warning restore CS0618
        {
            events.Add((type, long.Parse(deployment.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture)));
            if (events.Count == 1)
            {
                added = long.Parse((await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("late"), "default")).Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (type == WatchEventType.Bookmark && added > 0 && events.Any(e => e.Type == WatchEventType.Added))
            {
                break;
            }
        }

        events[0].ShouldBe((WatchEventType.Bookmark, long.Parse(list.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture)), "a quiet watch still hears from the server");
        events.ShouldContain((WatchEventType.Added, added));
        events[^1].Version.ShouldBeGreaterThanOrEqualTo(added, "a bookmark carries the version the watch reached");
    }

    [Fact]
    public async Task Watch_without_resource_version_starts_with_the_current_objects_as_added()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("a"), ns);
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("b"), ns);
        using var cancellation = new CancellationTokenSource(Bound);
        var names = new List<string>();

        await foreach (var (type, deployment) in _client.AppsV1.WatchListNamespacedDeploymentAsync(ns, cancellationToken: cancellation.Token))
        {
            type.ShouldBe(WatchEventType.Added);
            names.Add(deployment.Metadata.Name);
            if (names.Count == 2)
            {
                break;
            }
        }

        names.ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task Watch_filters_by_label_selector()
    {
        var ns = await fixture.CreateNamespaceAsync();
        using var cancellation = new CancellationTokenSource(Bound);
        var list = await _client.AppsV1.ListNamespacedDeploymentAsync(ns);
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("other", labels: new Dictionary<string, string> { ["tier"] = "db" }), ns);
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("wanted", labels: new Dictionary<string, string> { ["tier"] = "web" }), ns);

        await foreach (var (_, deployment) in _client.AppsV1.WatchListNamespacedDeploymentAsync(ns, labelSelector: "tier=web",
            resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cancellation.Token))
        {
            deployment.Metadata.Name.ShouldBe("wanted");
            break;
        }
    }
}
