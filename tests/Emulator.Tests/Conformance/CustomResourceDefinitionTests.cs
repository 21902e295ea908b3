using System.Net;
using System.Text.Json.Nodes;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// A CustomResourceDefinition once written: established, its names accepted, its versions served and discovered,
/// its schema published, and its objects and watches gone with it (apiextensions-apiserver's behaviour).
/// </summary>
[Collection("Sandbox")]
public sealed class CustomResourceDefinitionTests(SandboxFixture fixture) : IDisposable
{
    private const string Crds = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(60);
    private readonly RawApi _api = new(fixture.Server.HttpUrl);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Crd_gets_established_with_its_accepted_names_and_stored_version()
    {
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync(Crds, TestCrds.Widgets(group)));

        var crd = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"{Crds}/widgets.{group}"));

        var conditions = crd["status"]!["conditions"]!.AsArray();
        conditions.Single(c => (string?)c!["type"] == "Established")!["status"]!.GetValue<string>().ShouldBe("True");
        conditions.Single(c => (string?)c!["type"] == "NamesAccepted")!["status"]!.GetValue<string>().ShouldBe("True");
        crd["status"]!["acceptedNames"]!["kind"]!.GetValue<string>().ShouldBe("Widget");
        crd["status"]!["acceptedNames"]!["listKind"]!.GetValue<string>().ShouldBe("WidgetList");
        crd["status"]!["storedVersions"]!.AsArray().Select(v => (string?)v).ShouldBe(["v1"]);
    }

    [Theory]
    [InlineData("metadata.name", """{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"wrong.example.tarnfui.io"},"spec":{"group":"example.tarnfui.io","scope":"Namespaced","names":{"plural":"things","kind":"Thing"},"versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}""")]
    [InlineData("spec.versions", """{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"things.example.tarnfui.io"},"spec":{"group":"example.tarnfui.io","scope":"Namespaced","names":{"plural":"things","kind":"Thing"},"versions":[{"name":"v1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}""")]
    [InlineData("spec.versions[0].schema.openAPIV3Schema", """{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"things.example.tarnfui.io"},"spec":{"group":"example.tarnfui.io","scope":"Namespaced","names":{"plural":"things","kind":"Thing"},"versions":[{"name":"v1","served":true,"storage":true}]}}""")]
    [InlineData("spec.scope", """{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"things.example.tarnfui.io"},"spec":{"group":"example.tarnfui.io","scope":"Global","names":{"plural":"things","kind":"Thing"},"versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}""")]
    public async Task An_invalid_crd_is_refused_with_422_naming_the_field(string field, string crd)
    {
        var status = await RawApi.ExpectAsync(HttpStatusCode.UnprocessableEntity, _api.PostAsync(Crds, crd));

        status["message"]!.GetValue<string>().ShouldContain($"is invalid: {field}:");
    }

    [Fact]
    public async Task Crd_resources_are_listed_in_legacy_discovery_with_their_subresources()
    {
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync(Crds, TestCrds.Widgets(group)));

        var groups = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync("/apis"));
        var resources = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"/apis/{group}/v1"));

        var listed = groups["groups"]!.AsArray().Single(g => (string?)g!["name"] == group)!;
        listed["versions"]!.AsArray().Select(v => (string?)v!["version"]).ShouldBe(["v1", "v1beta1"]);
        var names = resources["resources"]!.AsArray().Select(r => (string?)r!["name"]).ToList();
        names.ShouldBe(["widgets", "widgets/scale", "widgets/status"]);
        var widgets = resources["resources"]![0]!;
        widgets["namespaced"]!.GetValue<bool>().ShouldBeTrue();
        widgets["shortNames"]!.AsArray().Select(n => (string?)n).ShouldBe(["wdg"]);
        resources["resources"]![1]!["kind"]!.GetValue<string>().ShouldBe("Scale");
    }

    [Fact]
    public async Task Crd_schema_is_published_in_the_openapi_v3_document_of_its_group_version()
    {
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync(Crds, TestCrds.Widgets(group)));

        var index = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync("/openapi/v3"));
        var url = (string)index["paths"]![$"apis/{group}/v1"]!["serverRelativeURL"]!;
        var document = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync(url));

        var schema = document["components"]!["schemas"]!.AsObject().Single().Value!;
        schema["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>().ShouldBe("Widget");
        schema["properties"]!["spec"]!["properties"]!["size"]!["description"]!.GetValue<string>().ShouldBe("How many parts the widget has.");
    }

    [Fact]
    public async Task Cluster_scoped_crd_serves_its_objects_outside_namespaces()
    {
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync(Crds, TestCrds.Widgets(group, namespaced: false)));

        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync($"/apis/{group}/v1/widgets", TestCrds.Widget(group, "w1", size: 2)));

        var read = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"/apis/{group}/v1/widgets/w1"));
        read["metadata"]!["namespace"].ShouldBeNull();
        (await _api.GetAsync($"/apis/{group}/v1/namespaces/default/widgets")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_served_version_reads_the_same_object_with_its_own_api_version()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync(Crds, TestCrds.Widgets(group)));
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync($"/apis/{group}/v1/namespaces/{ns}/widgets", TestCrds.Widget(group, "w1", size: 2)));

        var beta = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"/apis/{group}/v1beta1/namespaces/{ns}/widgets/w1"));
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"/apis/{group}/v1beta1/namespaces/{ns}/widgets/w1", """{"spec":{"size":4}}"""));
        var list = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"/apis/{group}/v1beta1/namespaces/{ns}/widgets"));
        var stable = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"/apis/{group}/v1/namespaces/{ns}/widgets/w1"));

        beta["apiVersion"]!.GetValue<string>().ShouldBe($"{group}/v1beta1");
        list["items"]![0]!["apiVersion"]!.GetValue<string>().ShouldBe($"{group}/v1beta1");
        stable["apiVersion"]!.GetValue<string>().ShouldBe($"{group}/v1");
        stable["spec"]!["size"]!.GetValue<int>().ShouldBe(4);
        stable["metadata"]!["uid"]!.GetValue<string>().ShouldBe(beta["metadata"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_crd_removes_its_objects()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync(Crds, TestCrds.Widgets(group)));
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync($"/apis/{group}/v1/namespaces/{ns}/widgets", TestCrds.Widget(group, "w1", size: 2)));

        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.DeleteAsync($"{Crds}/widgets.{group}"));

        (await _api.GetAsync($"/apis/{group}/v1/namespaces/{ns}/widgets/w1")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await _api.GetAsync($"/apis/{group}/v1")).Status.ShouldBe(HttpStatusCode.NotFound);
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync(Crds, TestCrds.Widgets(group)));
        var again = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"/apis/{group}/v1/namespaces/{ns}/widgets"));
        again["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Deleting_a_crd_ends_its_watches()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync(Crds, TestCrds.Widgets(group)));
        var created = await RawApi.ExpectAsync(HttpStatusCode.Created,
            _api.PostAsync($"/apis/{group}/v1/namespaces/{ns}/widgets", TestCrds.Widget(group, "w1", size: 2)));
        using var watch = await _api.OpenStreamAsync(
            $"/apis/{group}/v1/namespaces/{ns}/widgets?watch=true&resourceVersion={(string)created["metadata"]!["resourceVersion"]!}");
        var events = Task.Run(async () =>
        {
            using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync());
            var lines = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }

            return lines;
        });

        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.DeleteAsync($"{Crds}/widgets.{group}"));

        // The stream ends by itself (ReadLineAsync returns null); the bound only stops a test that would hang.
        var ended = await events.WaitAsync(HangBound);
        // What reaches the client before the end can only be the deletion of the objects.
        ended.Select(l => (string?)JsonNode.Parse(l)!["type"]).ShouldAllBe(t => t == "DELETED");
        watch.StatusCode.ShouldBe(HttpStatusCode.OK);
        fixture.Server.Store.Types.All.ShouldNotContain(t => t.Group == group);
    }
}
