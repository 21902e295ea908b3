using k8s;
using k8s.Models;
using Tarnfui.Emulator.Tests.Api;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// A watch with a label selector sees an update as its selection does: kube-apiserver's
/// staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go, <c>cacheWatcher.convertToWatchEvent</c>. An
/// object that leaves the selection comes as DELETED (its last state that matched, at the update's resourceVersion),
/// one that enters it as ADDED, one that stays in it as MODIFIED, one that stays out not at all; for JSON,
/// metadata-only and table watches, live and resumed from a resourceVersion. The sweeper's stopped sets
/// (<c>labelSelector=tarnfui.io/stopped=true</c>, metadata-only) depend on the DELETED of a restore.
/// </summary>
[Collection("Sandbox")]
public sealed class FilteredWatchConformanceTests(SandboxFixture fixture)
{
    private const string StoppedLabel = "tarnfui.io/stopped";
    private const string Selected = "labelSelector=tarnfui.io%2Fstopped%3Dtrue";
    private readonly Kubernetes _client = fixture.Client;

    public static TheoryData<string?> Formats => new() { null, RawWatch.MetadataAccept };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Filtered_watch_sends_DELETED_when_an_update_leaves_the_selection(string? accept)
    {
        var ns = await fixture.CreateNamespaceAsync();
        var created = await CreateAsync(ns, "web", stopped: true, replicas: 0);
        await using var watch = await OpenAsync(ns, $"{Selected}&resourceVersion={created.Metadata.ResourceVersion}", accept);

        var restored = await PatchAsync(ns, "web", """{"metadata":{"labels":{"tarnfui.io/stopped":null}},"spec":{"replicas":3}}""");
        await CreateAsync(ns, "fence", stopped: true, replicas: 0);

        var events = await watch.NextAsync(2);
        events[0].Type.ShouldBe("DELETED");
        events[0].Name.ShouldBe("web");
        events[0].ResourceVersion.ShouldBe(Version(restored), "at the update's resourceVersion, so that a client resuming from it does not go back");
        events[0].Label(StoppedLabel).ShouldBe("true", "the object as it last matched the selection");
        if (accept is null)
        {
            events[0].Body.GetProperty("spec").GetProperty("replicas").GetInt32().ShouldBe(0);
        }

        (events[1].Type, events[1].Name).ShouldBe(("ADDED", "fence"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Filtered_watch_sends_ADDED_when_an_update_enters_the_selection(string? accept)
    {
        var ns = await fixture.CreateNamespaceAsync();
        var created = await CreateAsync(ns, "web", stopped: false, replicas: 3);
        await using var watch = await OpenAsync(ns, $"{Selected}&resourceVersion={created.Metadata.ResourceVersion}", accept);

        var stopped = await PatchAsync(ns, "web", """{"metadata":{"labels":{"tarnfui.io/stopped":"true"}},"spec":{"replicas":0}}""");

        var added = await watch.NextAsync();
        (added.Type, added.Name, added.ResourceVersion).ShouldBe(("ADDED", "web", Version(stopped)));
        added.Label(StoppedLabel).ShouldBe("true");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Filtered_watch_sends_MODIFIED_when_an_update_stays_in_the_selection_and_nothing_when_it_stays_out(string? accept)
    {
        var ns = await fixture.CreateNamespaceAsync();
        await CreateAsync(ns, "inside", stopped: true, replicas: 0);
        var last = await CreateAsync(ns, "outside", stopped: false, replicas: 1);
        await using var watch = await OpenAsync(ns, $"{Selected}&resourceVersion={last.Metadata.ResourceVersion}", accept);

        var moved = await PatchAsync(ns, "inside", """{"metadata":{"annotations":{"note":"still stopped"}}}""");
        await PatchAsync(ns, "outside", """{"spec":{"replicas":2}}""");
        await CreateAsync(ns, "fence", stopped: true, replicas: 0);

        var events = await watch.NextAsync(2);
        (events[0].Type, events[0].Name, events[0].ResourceVersion).ShouldBe(("MODIFIED", "inside", Version(moved)));
        (events[1].Type, events[1].Name).ShouldBe(("ADDED", "fence"), "the update that stayed out of the selection sent nothing");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Resumed_filtered_watch_replays_an_update_leaving_the_selection_as_DELETED_and_one_entering_it_as_ADDED(string? accept)
    {
        var ns = await fixture.CreateNamespaceAsync();
        await CreateAsync(ns, "leaving", stopped: true, replicas: 0);
        var from = await CreateAsync(ns, "entering", stopped: false, replicas: 1);
        var left = await PatchAsync(ns, "leaving", """{"metadata":{"labels":{"tarnfui.io/stopped":null}},"spec":{"replicas":2}}""");
        var entered = await PatchAsync(ns, "entering", """{"metadata":{"labels":{"tarnfui.io/stopped":"true"}},"spec":{"replicas":0}}""");

        // Opened after the changes: they come from the history, by the same rule as live ones.
        await using var watch = await OpenAsync(ns, $"{Selected}&resourceVersion={from.Metadata.ResourceVersion}", accept);

        var events = await watch.NextAsync(2);
        (events[0].Type, events[0].Name, events[0].ResourceVersion).ShouldBe(("DELETED", "leaving", Version(left)));
        events[0].Label(StoppedLabel).ShouldBe("true");
        (events[1].Type, events[1].Name, events[1].ResourceVersion).ShouldBe(("ADDED", "entering", Version(entered)));
    }

    [Fact]
    public async Task Filtered_table_watch_sends_DELETED_when_an_update_leaves_the_selection()
    {
        // kubectl get deploy -l tarnfui.io/stopped=true --watch: the table of the object that left, as a DELETED row.
        var ns = await fixture.CreateNamespaceAsync();
        var created = await CreateAsync(ns, "web", stopped: true, replicas: 0);
        await using var watch = await OpenAsync(ns, $"{Selected}&resourceVersion={created.Metadata.ResourceVersion}", RawWatch.TableAccept);

        await PatchAsync(ns, "web", """{"metadata":{"labels":{"tarnfui.io/stopped":null}}}""");

        var deleted = await watch.NextAsync();
        (deleted.Type, deleted.Kind).ShouldBe(("DELETED", "Table"));
        var row = deleted.Body.GetProperty("rows").EnumerateArray().ShouldHaveSingleItem();
        row.GetProperty("cells")[0].GetString().ShouldBe("web");
    }

    private Task<RawWatch> OpenAsync(string ns, string query, string? accept) =>
        RawWatch.OpenAsync(fixture.Server.HttpUrl, $"/apis/apps/v1/namespaces/{ns}/deployments", query, accept);

    private async Task<V1Deployment> CreateAsync(string ns, string name, bool stopped, int replicas)
    {
        var deployment = Objects.Deployment(name, replicas);
        if (stopped)
        {
            deployment.Metadata.Labels[StoppedLabel] = "true";
        }

        return await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
    }

    private Task<V1Deployment> PatchAsync(string ns, string name, string mergePatch) =>
        _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), name, ns);

    private static long Version(V1Deployment deployment) =>
        long.Parse(deployment.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
}
