using System.Net;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// The status and scale subresources a CRD declares, and structural pruning of its objects, as
/// apiextensions-apiserver serves them.
/// </summary>
[Collection("Sandbox")]
public sealed class CustomResourceSubresourceTests(SandboxFixture fixture) : IDisposable
{
    private readonly RawApi _api = new(fixture.Server.HttpUrl);

    public void Dispose() => _api.Dispose();

    private async Task<(string Ns, string Widgets)> WidgetAsync(int size = 2, string extraSpec = "")
    {
        var ns = await fixture.CreateNamespaceAsync();
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", TestCrds.Widgets(group)));
        var widgets = $"/apis/{group}/v1/namespaces/{ns}/widgets";
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync(widgets, TestCrds.Widget(group, "w1", size, extraSpec: extraSpec)));
        return (ns, widgets);
    }

    [Fact]
    public async Task Crd_with_scale_subresource_serves_scale_at_specReplicasPath()
    {
        var (_, widgets) = await WidgetAsync(size: 2);
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"{widgets}/w1/status", """{"status":{"readySize":1,"selector":"app=w1"}}"""));

        var scale = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"{widgets}/w1/scale"));

        scale["apiVersion"]!.GetValue<string>().ShouldBe("autoscaling/v1");
        scale["kind"]!.GetValue<string>().ShouldBe("Scale");
        scale["spec"]!["replicas"]!.GetValue<int>().ShouldBe(2);
        scale["status"]!["replicas"]!.GetValue<int>().ShouldBe(1);
        scale["status"]!["selector"]!.GetValue<string>().ShouldBe("app=w1");
    }

    [Theory]
    [InlineData("PATCH", "application/merge-patch+json", """{"spec":{"replicas":5}}""")]
    [InlineData("PATCH", "application/json-patch+json", """[{"op":"replace","path":"/spec/replicas","value":5}]""")]
    [InlineData("PUT", "application/json", """{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"w1"},"spec":{"replicas":5}}""")]
    public async Task Writing_the_scale_of_a_custom_resource_writes_its_specReplicasPath(string method, string contentType, string body)
    {
        var (_, widgets) = await WidgetAsync(size: 2);

        var scale = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.SendAsync(new HttpMethod(method), $"{widgets}/w1/scale", body, contentType));

        scale["spec"]!["replicas"]!.GetValue<int>().ShouldBe(5);
        var widget = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"{widgets}/w1"));
        widget["spec"]!["size"]!.GetValue<int>().ShouldBe(5);
        widget["spec"]!["replicas"].ShouldBeNull();
    }

    [Fact]
    public async Task Scale_of_a_custom_resource_is_admitted_as_an_update_of_kind_scale()
    {
        var (ns, widgets) = await WidgetAsync(size: 2);

        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"{widgets}/w1/scale", """{"spec":{"replicas":0}}"""));

        var seen = fixture.Admission.SeenIn(ns).Last();
        seen.Operation.ShouldBe("UPDATE");
        seen.SubResource.ShouldBe("scale");
        seen.Kind.ShouldBe(new GroupVersionKind("autoscaling", "v1", "Scale"));
        ((long?)seen.OldObject!["spec"]!["replicas"]).ShouldBe(2);
        ((long?)seen.NewObject!["spec"]!["replicas"]).ShouldBe(0);
    }

    [Fact]
    public async Task Status_subresource_ignores_status_on_main_writes_and_everything_else_on_status_writes()
    {
        var (_, widgets) = await WidgetAsync(size: 2);

        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"{widgets}/w1", """{"spec":{"size":3},"status":{"readySize":9}}"""));
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"{widgets}/w1/status", """{"spec":{"size":7},"status":{"readySize":1}}"""));

        var widget = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"{widgets}/w1"));
        widget["spec"]!["size"]!.GetValue<int>().ShouldBe(3);
        widget["status"]!["readySize"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_fields_are_pruned_with_a_warning_unless_the_schema_preserves_them()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", TestCrds.Widgets(group)));

        var created = await _api.PostAsync($"/apis/{group}/v1/namespaces/{ns}/widgets",
            TestCrds.Widget(group, "w1", 2, extraSpec: ""","shape":"round","extra":{"anything":{"goes":true}}"""));

        created.Status.ShouldBe(HttpStatusCode.Created);
        created.Warnings.ShouldContain(w => w.Contains("unknown field \\\"spec.shape\\\"", StringComparison.Ordinal));
        created.Body!["spec"]!["shape"].ShouldBeNull();
        created.Body["spec"]!["extra"]!["anything"]!["goes"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Strict_field_validation_refuses_an_unknown_field_of_a_custom_resource()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", TestCrds.Widgets(group)));

        var status = await RawApi.ExpectAsync(HttpStatusCode.BadRequest, _api.PostAsync($"/apis/{group}/v1/namespaces/{ns}/widgets?fieldValidation=Strict",
            TestCrds.Widget(group, "w1", 2, extraSpec: ",\"shape\":\"round\"")));

        status["message"]!.GetValue<string>().ShouldContain("strict decoding error: unknown field \"spec.shape\"");
    }

    [Fact]
    public async Task A_strategic_merge_patch_of_a_custom_resource_is_415()
    {
        var (_, widgets) = await WidgetAsync();

        var response = await _api.PatchAsync($"{widgets}/w1", """{"spec":{"size":3}}""", "application/strategic-merge-patch+json");

        response.Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }
}
