using System.Net;
using System.Text.Json.Nodes;
using Tarnfui.Core;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// <c>fieldSelector=status.replicas!=0</c> on ReplicaSets, metadata-only, as the sweeper lists and watches the
/// ReplicaSets that run. kube-apiserver selects on the count as an integer's text (pkg/registry/apps/replicaset/strategy.go,
/// <c>ReplicaSetToSelectableFields</c>: <c>strconv.Itoa(int(rs.Status.Replicas))</c>), so a ReplicaSet with no status yet
/// counts as 0; a watch sees a ReplicaSet scaled up from 0 as ADDED and one scaled down to 0 as DELETED
/// (cache_watcher.go, <c>convertToWatchEvent</c>, the same rule as for label selectors).
/// </summary>
[Collection("Sandbox")]
public sealed class ReplicaSetFieldSelectorConformanceTests(SandboxFixture fixture) : IDisposable
{
    private static readonly string Running = "fieldSelector=" + Uri.EscapeDataString("status.replicas!=0");
    private readonly RawApi _api = new(fixture.Server.HttpUrl);

    [Fact]
    public async Task A_metadata_list_selects_the_replicasets_whose_status_counts_pods_and_an_absent_count_is_zero()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await CreateAsync(ns, "unreported", status: null);
        await CreateAsync(ns, "idle", status: 0);
        await CreateAsync(ns, "running", status: 2);

        var list = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"/apis/apps/v1/namespaces/{ns}/replicasets?{Running}", WellKnown.MetadataListAccept));

        list["kind"]!.GetValue<string>().ShouldBe("PartialObjectMetadataList");
        list["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]).ShouldBe(["running"]);
        var idle = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync(
            $"/apis/apps/v1/namespaces/{ns}/replicasets?fieldSelector={Uri.EscapeDataString("status.replicas=0")}", WellKnown.MetadataListAccept));
        idle["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]).Order(StringComparer.Ordinal).ShouldBe(["idle", "unreported"]);
    }

    [Fact]
    public async Task A_metadata_watch_sees_a_replicaset_scaled_up_from_zero_as_ADDED_and_scaled_down_to_zero_as_DELETED()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var from = await CreateAsync(ns, "web", status: null);
        await using var watch = await RawWatch.OpenAsync(
            fixture.Server.HttpUrl, $"/apis/apps/v1/namespaces/{ns}/replicasets", $"{Running}&resourceVersion={Version(from)}", RawWatch.MetadataAccept);

        var up = await SetStatusAsync(ns, "web", 2);
        var more = await SetStatusAsync(ns, "web", 3);
        var down = await SetStatusAsync(ns, "web", 0);
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"/apis/apps/v1/namespaces/{ns}/replicasets/web", """{"metadata":{"labels":{"note":"idle"}}}"""));
        await CreateAsync(ns, "fence", status: 1);

        var events = await watch.NextAsync(4);
        (events[0].Type, events[0].Name, events[0].ResourceVersion).ShouldBe(("ADDED", "web", Version(up)), "entered the selection");
        (events[1].Type, events[1].ResourceVersion).ShouldBe(("MODIFIED", Version(more)), "stayed in it");
        (events[2].Type, events[2].ResourceVersion).ShouldBe(("DELETED", Version(down)), "left it");
        (events[3].Type, events[3].Name).ShouldBe(("ADDED", "fence"), "the label written at 0 stayed out of the selection and sent nothing");
    }

    public void Dispose() => _api.Dispose();

    private async Task<JsonNode> CreateAsync(string ns, string name, int? status)
    {
        var created = await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync($"/apis/apps/v1/namespaces/{ns}/replicasets", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
                },
            },
        }.ToJsonString()));
        return status is { } count ? await SetStatusAsync(ns, name, count) : created;
    }

    private Task<JsonNode> SetStatusAsync(string ns, string name, int replicas) =>
        RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"/apis/apps/v1/namespaces/{ns}/replicasets/{name}/status",
            new JsonObject { ["status"] = new JsonObject { ["replicas"] = replicas } }.ToJsonString()));

    private static long Version(JsonNode item) =>
        long.Parse(item["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
