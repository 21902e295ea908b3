using System.Net;
using System.Text.Json.Nodes;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Api;

[Collection("Sandbox")]
public sealed class DiscoveryTests(SandboxFixture fixture)
{
    private async Task<JsonNode> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.HttpUrl };
        using var response = await http.GetAsync(path);
        response.StatusCode.ShouldBe(expected);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task Version_reports_kubernetes_1_32()
    {
        var version = await GetJsonAsync("/version");

        ((string?)version["minor"]).ShouldBe("32");
        ((string?)version["gitVersion"]).ShouldStartWith("v1.32.");
    }

    [Fact]
    public async Task Apps_resource_list_has_short_names_and_the_scale_subresource()
    {
        var list = await GetJsonAsync("/apis/apps/v1");

        var resources = list["resources"]!.AsArray();
        var deployments = resources.Single(r => (string?)r!["name"] == "deployments")!;
        deployments["shortNames"]!.AsArray().Select(n => (string?)n).ShouldBe(["deploy"]);
        deployments["verbs"]!.AsArray().Select(v => (string?)v).ShouldContain("watch");
        var scale = resources.Single(r => (string?)r!["name"] == "deployments/scale")!;
        ((string?)scale["kind"], (string?)scale["group"], (string?)scale["version"]).ShouldBe(("Scale", "autoscaling", "v1"));
    }

    [Fact]
    public async Task Group_list_names_every_served_group()
    {
        var groups = await GetJsonAsync("/apis");

        // The built-in groups, and the groups of the CRDs other tests of the collection applied.
        groups["groups"]!.AsArray().Select(g => (string?)g!["name"])
            .Where(g => !g!.EndsWith(".example.tarnfui.io", StringComparison.Ordinal) && g != "monitoring.coreos.com")
            .ShouldBe([
                "apps", "batch", "autoscaling", "coordination.k8s.io", "events.k8s.io", "admissionregistration.k8s.io", "rbac.authorization.k8s.io",
                "policy", "networking.k8s.io", "apiextensions.k8s.io",
            ], ignoreOrder: true);
    }

    [Fact]
    public async Task OpenApi_v3_documents_carry_the_gvk_and_field_validation_kubectl_looks_for()
    {
        var index = await GetJsonAsync("/openapi/v3");
        var url = (string?)index["paths"]!["apis/apps/v1"]!["serverRelativeURL"];
        var document = await GetJsonAsync(url!);

        var post = document["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments"]!["post"]!;
        ((string?)post["x-kubernetes-group-version-kind"]!["kind"]).ShouldBe("Deployment");
        post["parameters"]!.AsArray().Select(p => (string?)p!["name"]).ShouldContain("fieldValidation");
    }

    // kubectl 1.28 asks with the deprecated spelling and parses the answer's Content-Type, which must be the other one.
    [Theory]
    [InlineData("application/com.github.proto-openapi.spec.v2@v1.0+protobuf")]
    [InlineData("application/com.github.proto-openapi.spec.v2.v1.0+protobuf")]
    public async Task OpenApi_v2_is_a_swagger_2_outline_in_protobuf_for_kubectl_1_28(string accept)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.HttpUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
        // openapi.v2.Document field 1 (swagger), length-delimited: tag 0x0A, length 3, "2.0".
        body[..5].ShouldBe([0x0A, 3, (byte)'2', (byte)'.', (byte)'0']);
    }

    [Fact]
    public async Task OpenApi_v2_as_json_is_a_swagger_2_document_without_paths()
    {
        var document = await GetJsonAsync("/openapi/v2");

        ((string?)document["swagger"]).ShouldBe("2.0");
        document["paths"]!.AsObject().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Not_found_is_a_status_like_kube_apiserver_writes_it()
    {
        var ns = await fixture.CreateNamespaceAsync();

        using var http = new HttpClient { BaseAddress = fixture.Server.HttpUrl };
        using var response = await http.GetAsync($"/apis/apps/v1/namespaces/{ns}/deployments/nope");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldBe(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"nope\" not found","reason":"NotFound","details":{"name":"nope","group":"apps","kind":"deployments"},"code":404}""");
    }

    [Fact]
    public async Task Health_probes_answer_ok()
    {
        using var plain = new HttpClient { BaseAddress = fixture.Server.HttpUrl };

        (await plain.GetStringAsync("/healthz")).ShouldBe("ok");
        (await plain.GetStringAsync("/readyz")).ShouldBe("ok");
        (await plain.GetStringAsync("/livez")).ShouldBe("ok");
    }
}
