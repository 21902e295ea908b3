using k8s;
using k8s.Models;
using Tarnfui.Emulator.Tests.Api;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// <c>allowWatchBookmarks=true</c>: kube-apiserver's watch cache sends a watcher that asked for them a BOOKMARK, an
/// object of the watched kind carrying only <c>metadata.resourceVersion</c>, the version the watch has reached, so that
/// a client can resume from it even when its selection saw nothing (staging/src/k8s.io/apiserver/pkg/storage/cacher/
/// cacher.go, <c>dispatchEvents</c> and the bookmark timer; cache_watcher.go, <c>convertToWatchEvent</c> drops them for a
/// watcher that did not ask). The <c>k8s.io/initial-events-end</c> annotation belongs to <c>sendInitialEvents</c>, which
/// the emulator does not implement, so no bookmark carries it. The timer's period is
/// <see cref="Emulator.Server.EmulatorOptions.WatchBookmarkInterval"/>; these tests send them on a signal instead
/// (<see cref="Emulator.Store.ObjectStore.SendBookmarks"/>).
/// </summary>
[Collection("Sandbox")]
public sealed class BookmarkConformanceTests(SandboxFixture fixture)
{
    private const string Selected = "labelSelector=tarnfui.io%2Fstopped%3Dtrue";
    private readonly Kubernetes _client = fixture.Client;

    [Theory]
    [InlineData(null, "Deployment", "apps/v1")]
    [InlineData(RawWatch.MetadataAccept, "PartialObjectMetadata", "meta.k8s.io/v1")]
    public async Task Watch_with_allowWatchBookmarks_gets_a_BOOKMARK_carrying_only_the_resourceVersion_reached(string? accept, string kind, string apiVersion)
    {
        var ns = await fixture.CreateNamespaceAsync();
        var from = await _client.AppsV1.ListNamespacedDeploymentAsync(ns);
        await using var watch = await OpenAsync(ns, $"{Selected}&allowWatchBookmarks=true&resourceVersion={from.Metadata.ResourceVersion}", accept);
        var unselected = await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("unselected"), ns);

        fixture.Server.Store.SendBookmarks();

        var bookmark = await watch.NextAsync();
        (bookmark.Type, bookmark.Kind, bookmark.Body.GetProperty("apiVersion").GetString()).ShouldBe(("BOOKMARK", kind, apiVersion));
        bookmark.Metadata.EnumerateObject().Select(p => p.Name).ShouldBe(["resourceVersion"], "no name, no labels, no initial-events-end annotation");
        bookmark.ResourceVersion.ShouldBeGreaterThanOrEqualTo(Version(unselected), "the watch has passed the change its selection did not see");
    }

    [Fact]
    public async Task Watch_resumed_from_a_BOOKMARK_gets_only_what_came_after_it()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var from = await _client.AppsV1.ListNamespacedDeploymentAsync(ns);
        long reached;
        await using (var watch = await OpenAsync(ns, $"{Selected}&allowWatchBookmarks=true&resourceVersion={from.Metadata.ResourceVersion}", null))
        {
            await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("before", labels: Stopped("before")), ns);
            fixture.Server.Store.SendBookmarks();
            var events = await watch.NextAsync(2);
            (events[0].Type, events[0].Name).ShouldBe(("ADDED", "before"));
            events[1].Type.ShouldBe("BOOKMARK");
            reached = events[1].ResourceVersion;
        }

        await using var resumed = await OpenAsync(ns, $"{Selected}&allowWatchBookmarks=true&resourceVersion={reached}", null);
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("after", labels: Stopped("after")), ns);

        var next = await resumed.NextAsync();
        (next.Type, next.Name).ShouldBe(("ADDED", "after"), "nothing the bookmark had passed comes again");
    }

    [Fact]
    public async Task Watch_without_allowWatchBookmarks_gets_no_BOOKMARK()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var from = await _client.AppsV1.ListNamespacedDeploymentAsync(ns);
        await using var watch = await OpenAsync(ns, $"{Selected}&resourceVersion={from.Metadata.ResourceVersion}", null);

        fixture.Server.Store.SendBookmarks();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("fence", labels: Stopped("fence")), ns);

        var next = await watch.NextAsync();
        (next.Type, next.Name).ShouldBe(("ADDED", "fence"), "the bookmark sent before the fence was not for this watch");
    }

    private Task<RawWatch> OpenAsync(string ns, string query, string? accept) =>
        RawWatch.OpenAsync(fixture.Server.HttpUrl, $"/apis/apps/v1/namespaces/{ns}/deployments", query, accept);

    private static Dictionary<string, string> Stopped(string app) => new() { ["app"] = app, ["tarnfui.io/stopped"] = "true" };

    private static long Version(V1Deployment deployment) =>
        long.Parse(deployment.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
}
