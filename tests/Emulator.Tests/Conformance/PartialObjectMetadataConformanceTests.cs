using System.Net;
using System.Text.Json.Nodes;
using Tarnfui.Core;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// Metadata-only reads, as the sweeper lists running pods and watches its stopped sets: the Accept header
/// <c>application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1</c> on a list and
/// <c>as=PartialObjectMetadata</c> on a get or a watch turn each object into <c>meta.k8s.io/v1</c>
/// PartialObjectMetadata, its whole <c>metadata</c> and nothing else; the list keeps its resourceVersion and continue
/// token (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go, <c>asPartialObjectMetadata</c>,
/// <c>asPartialObjectMetadataList</c>; the watch encodes each event's object the same way, handlers/watch.go). A field
/// selector filters on the whole object before it is cut to its metadata: the sweeper lists running pods with
/// <c>status.phase!=Succeeded,status.phase!=Failed,metadata.namespace!=…</c> (the pod fields of
/// pkg/registry/core/pod/strategy.go, <c>PodToSelectableFields</c>; any other field is a 400).
/// </summary>
[Collection("Sandbox")]
public sealed class PartialObjectMetadataConformanceTests(SandboxFixture fixture) : IDisposable
{
    private const string Owner = """{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-5d4f","uid":"0b7f6e1c-2b7a-4c7e-9d1e-3f1a2b3c4d5e","controller":true}""";

    private readonly RawApi _api = new(fixture.Server.HttpUrl);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_metadata_list_is_a_PartialObjectMetadataList_of_whole_metadata_with_the_lists_resourceVersion_and_continue()
    {
        var ns = await CreateAsync("a", "b");

        var page = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"/api/v1/namespaces/{ns}/configmaps?limit=1", WellKnown.MetadataListAccept));

        page["kind"]!.GetValue<string>().ShouldBe("PartialObjectMetadataList");
        page["apiVersion"]!.GetValue<string>().ShouldBe("meta.k8s.io/v1");
        page["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        page["metadata"]!["continue"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        ShouldBeWholeMetadata(page["items"]!.AsArray().Single()!, ns, "a");
        var rest = await RawApi.ExpectAsync(HttpStatusCode.OK,
            _api.GetAsync($"/api/v1/namespaces/{ns}/configmaps?limit=1&continue={Uri.EscapeDataString((string)page["metadata"]!["continue"]!)}", WellKnown.MetadataListAccept));
        ShouldBeWholeMetadata(rest["items"]!.AsArray().Single()!, ns, "b");
    }

    [Fact]
    public async Task A_metadata_get_is_one_PartialObjectMetadata()
    {
        var ns = await CreateAsync("a");

        var read = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"/api/v1/namespaces/{ns}/configmaps/a", WellKnown.MetadataAccept));

        ShouldBeWholeMetadata(read, ns, "a");
    }

    [Fact]
    public async Task A_metadata_watch_sends_PartialObjectMetadata_in_every_event()
    {
        var ns = await CreateAsync("a");
        await using var watch = await RawWatch.OpenAsync(fixture.Server.HttpUrl, $"/api/v1/namespaces/{ns}/configmaps", "", WellKnown.MetadataAccept);

        var added = await watch.NextAsync();
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/a", """{"data":{"replicas":"0"}}"""));
        var modified = await watch.NextAsync();
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.DeleteAsync($"/api/v1/namespaces/{ns}/configmaps/a"));
        var deleted = await watch.NextAsync();

        foreach (var (wire, type) in new[] { (added, "ADDED"), (modified, "MODIFIED"), (deleted, "DELETED") })
        {
            wire.Type.ShouldBe(type);
            ShouldBeWholeMetadata(JsonNode.Parse(wire.Body.GetRawText())!, ns, "a");
        }
    }

    [Fact]
    public async Task A_field_selector_on_pod_phase_filters_a_paged_metadata_list_on_the_whole_object()
    {
        var ns = await fixture.CreateNamespaceAsync();
        foreach (var (name, phase) in new[] { ("done", "Succeeded"), ("failed", "Failed"), ("pending", "Pending"), ("running", "Running") })
        {
            await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync($"/api/v1/namespaces/{ns}/pods",
                new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) } }.ToJsonString()));
            await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"/api/v1/namespaces/{ns}/pods/{name}/status",
                new JsonObject { ["status"] = new JsonObject { ["phase"] = phase } }.ToJsonString()));
        }

        var selector = Uri.EscapeDataString("status.phase!=Succeeded,status.phase!=Failed,metadata.namespace!=kube-system");
        var names = new List<string?>();
        string? next = null;
        do
        {
            var page = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync(
                $"/api/v1/namespaces/{ns}/pods?fieldSelector={selector}&limit=1{(next is null ? "" : "&continue=" + Uri.EscapeDataString(next))}", WellKnown.MetadataListAccept));
            page["kind"]!.GetValue<string>().ShouldBe("PartialObjectMetadataList");
            names.AddRange(page["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]));
            next = (string?)page["metadata"]!["continue"];
        }
        while (next is not null);

        names.ShouldBe(["pending", "running"]);
        var unsupported = await _api.GetAsync($"/api/v1/namespaces/{ns}/pods?fieldSelector=spec.containers.image%3Dnginx", WellKnown.MetadataListAccept);
        unsupported.Status.ShouldBe(HttpStatusCode.BadRequest);
        unsupported.Body!["message"]!.GetValue<string>().ShouldBe("field label not supported: spec.containers.image");
    }

    private async Task<string> CreateAsync(params string[] names)
    {
        var ns = await fixture.CreateNamespaceAsync();
        foreach (var name in names)
        {
            await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync($"/api/v1/namespaces/{ns}/configmaps",
                $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","labels":{"app":"web"},"annotations":{"note":"kept"},"ownerReferences":[{{{Owner}}}]},"data":{"replicas":"3"}}"""));
        }

        return ns;
    }

    private static void ShouldBeWholeMetadata(JsonNode item, string ns, string name)
    {
        item["kind"]!.GetValue<string>().ShouldBe("PartialObjectMetadata");
        item["apiVersion"]!.GetValue<string>().ShouldBe("meta.k8s.io/v1");
        item.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToList().ShouldBe(["apiVersion", "kind", "metadata"], "metadata and nothing else");
        var metadata = item["metadata"]!;
        ((string?)metadata["name"], (string?)metadata["namespace"]).ShouldBe((name, ns));
        ((string?)metadata["labels"]!["app"], (string?)metadata["annotations"]!["note"]).ShouldBe(("web", "kept"));
        metadata["ownerReferences"]![0]!["controller"]!.GetValue<bool>().ShouldBeTrue();
        ((string?)metadata["uid"]).ShouldNotBeNullOrEmpty();
        ((string?)metadata["resourceVersion"]).ShouldNotBeNullOrEmpty();
    }
}
