using System.Net;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// A watch of a CRD's non-storage version sends its objects in that version, as a list or get of it does: the
/// watch is served by the version's own storage, whose codec converts every object to the requested version
/// (staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/customresource_handler.go, one storage per served
/// version; conversion strategy None changes only apiVersion, conversion/nop_converter.go).
/// </summary>
[Collection("Sandbox")]
public sealed class ServedVersionWatchConformanceTests(SandboxFixture fixture) : IDisposable
{
    private readonly RawApi _api = new(fixture.Server.HttpUrl);

    public void Dispose() => _api.Dispose();

    public static TheoryData<string> Versions => new() { "v1beta1", "v1" };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Watch_of_a_served_version_sends_objects_with_that_versions_apiVersion(string version)
    {
        var ns = await fixture.CreateNamespaceAsync();
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", TestCrds.Widgets(group)));
        var widgets = $"/apis/{group}/{version}/namespaces/{ns}/widgets";
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync($"/apis/{group}/v1/namespaces/{ns}/widgets", TestCrds.Widget(group, "w1", 2)));
        await using var watch = await RawWatch.OpenAsync(fixture.Server.HttpUrl, widgets, "allowWatchBookmarks=true");

        var added = await watch.NextAsync();
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"/apis/{group}/v1/namespaces/{ns}/widgets/w1", """{"spec":{"size":3}}"""));
        var modified = await watch.NextAsync();
        fixture.Server.Store.SendBookmarks();
        var bookmark = await watch.NextAsync();

        var expected = $"{group}/{version}";
        (added.Type, added.Body.GetProperty("apiVersion").GetString()).ShouldBe(("ADDED", expected));
        (modified.Type, modified.Body.GetProperty("apiVersion").GetString()).ShouldBe(("MODIFIED", expected));
        (bookmark.Type, bookmark.Body.GetProperty("apiVersion").GetString()).ShouldBe(("BOOKMARK", expected));
        var listed = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync(widgets));
        listed["items"]![0]!["apiVersion"]!.GetValue<string>().ShouldBe(expected, "the list of the same version agrees");
    }
}
