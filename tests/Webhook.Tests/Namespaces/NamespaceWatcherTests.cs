using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Tarnfui.Core;
using Tarnfui.Testing;
using Tarnfui.Webhook.Namespaces;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Namespaces;

/// <summary>List, watch, resume after a cut, list again after 410 — against a loopback server, through KubernetesClient.</summary>
public sealed class NamespaceWatcherTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly NamespaceCache _cache = new();
    private FakeNamespaceApi _api = null!;
    private Kubernetes _client = null!;
    private NamespaceWatcher _watcher = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeNamespaceApi.StartAsync();
        _api.Put("shop", new() { [WellKnown.Annotations.Exclude] = "true" });
        _api.Put("dev", null);
        _client = new Kubernetes(_api.Configuration);
        _watcher = new NamespaceWatcher(_client, _cache, new Metrics(), NullLogger<NamespaceWatcher>.Instance);
        await _watcher.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _watcher.StopAsync(CancellationToken.None);
        await _api.DisposeAsync();
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _client.Dispose();
    }

    [Fact]
    public async Task Follows_the_list_then_the_watch_resumes_after_a_cut_and_lists_again_after_410()
    {
        // Evening: the first list fills the cache and the watch starts from its version.
        var firstList = await _api.Lists.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        var watch = await _api.Watches.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        watch.ResourceVersion.ShouldBe(firstList);
        _cache.HasSynced.ShouldBeTrue();
        _cache.Get("shop")![WellKnown.Annotations.Exclude].ShouldBe("true");
        _cache.Get("dev").ShouldBeNull();

        // Events change the cache in place.
        await watch.SendAsync(_api.Put("dev", new() { [WellKnown.Annotations.DowntimeReplicas] = "1" }, "MODIFIED"));
        await watch.SendAsync(_api.Delete("shop"));
        await Eventually.UntilAsync(() => _cache.Get("shop") is null && _cache.Get("dev") is not null, "the watch events reach the cache");

        // The connection is cut: the next watch resumes from the last version seen, without a list.
        var lastSeen = _api.Put("staging", null);
        await watch.SendAsync(lastSeen);
        await Eventually.UntilAsync(() => _cache.Knows("staging"), "the cache knows staging");
        watch.Cut();
        var resumed = await _api.Watches.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        resumed.ResourceVersion.ShouldBe(System.Text.Json.Nodes.JsonNode.Parse(lastSeen)!["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
        _api.Lists.Reader.TryRead(out _).ShouldBeFalse();

        // The version expired while nobody watched: 410 → list again, and what vanished meanwhile is forgotten.
        _api.Delete("dev");
        await resumed.SendAsync(FakeNamespaceApi.Expired());
        resumed.Cut();
        var secondList = await _api.Lists.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        var afterList = await _api.Watches.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        afterList.ResourceVersion.ShouldBe(secondList);
        _cache.Get("dev").ShouldBeNull();
        _cache.Knows("dev").ShouldBeFalse();
        _cache.Knows("staging").ShouldBeTrue();
    }

}
