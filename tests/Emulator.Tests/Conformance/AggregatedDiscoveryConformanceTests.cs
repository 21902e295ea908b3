using System.Net;
using System.Text.Json.Nodes;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// Aggregated discovery, <c>apidiscovery.k8s.io/v2</c>: kube-apiserver answers <c>/api</c> and <c>/apis</c> with one
/// APIGroupDiscoveryList when the Accept header asks for it
/// (staging/src/k8s.io/apiserver/pkg/endpoints/discovery/aggregated/handler.go, wrapper.go), and its CRD-served
/// groups come from staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/customresource_discovery_controller.go.
/// kubectl 1.30 and later read it first; a group missing from it is a group kubectl does not know.
/// </summary>
[Collection("Sandbox")]
public sealed class AggregatedDiscoveryConformanceTests(SandboxFixture fixture) : IDisposable
{
    /// <summary>What client-go's discovery client sends.</summary>
    private const string DiscoveryAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    private readonly RawApi _api = new(fixture.Server.HttpUrl);
    private readonly KubectlRunner _kubectl = KubectlRunner.For(fixture.Server);

    public void Dispose()
    {
        _api.Dispose();
        _kubectl.Dispose();
    }

    [Fact]
    public async Task Aggregated_discovery_lists_a_crds_served_versions_with_their_subresources()
    {
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", TestCrds.Widgets(group)));

        var response = await _api.GetAsync("/apis", DiscoveryAccept);

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.ContentType!.Replace(" ", "", StringComparison.Ordinal).ShouldBe("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        response.Body!["kind"]!.GetValue<string>().ShouldBe("APIGroupDiscoveryList");
        response.Body["apiVersion"]!.GetValue<string>().ShouldBe("apidiscovery.k8s.io/v2");
        var listed = response.Body["items"]!.AsArray().Single(g => (string?)g!["metadata"]!["name"] == group)!;
        var versions = listed["versions"]!.AsArray();
        versions.Select(v => (string?)v!["version"]).ShouldBe(["v1", "v1beta1"], "the storage version first, as preferred");

        var v1 = versions[0]!["resources"]!.AsArray().Single()!;
        v1["resource"]!.GetValue<string>().ShouldBe("widgets");
        v1["responseKind"]!.ToJsonString().ShouldBe($$"""{"group":"{{group}}","version":"v1","kind":"Widget"}""");
        v1["scope"]!.GetValue<string>().ShouldBe("Namespaced");
        v1["singularResource"]!.GetValue<string>().ShouldBe("widget");
        v1["shortNames"]!.AsArray().Select(n => (string?)n).ShouldBe(["wdg"]);
        v1["categories"]!.AsArray().Select(n => (string?)n).ShouldBe(["all"]);
        Subresources(v1).ShouldBe(new Dictionary<string, string>
        {
            ["scale"] = """{"group":"autoscaling","version":"v1","kind":"Scale"}""",
            ["status"] = $$"""{"group":"{{group}}","version":"v1","kind":"Widget"}""",
        });
        var v1beta1 = versions[1]!["resources"]!.AsArray().Single()!;
        Subresources(v1beta1).Keys.ToList().ShouldBe(["status"], "v1beta1 declares no scale subresource");
        versions[0]!["freshness"]!.GetValue<string>().ShouldBe("Current");
    }

    [Fact]
    public async Task Aggregated_discovery_of_the_core_group_lists_its_resources_and_the_scale_of_deployments_in_apps()
    {
        var core = await _api.GetAsync("/api", DiscoveryAccept);
        var named = await _api.GetAsync("/apis", DiscoveryAccept);

        var legacy = core.Body!["items"]!.AsArray().Single()!;
        legacy["metadata"]!["name"].ShouldBeNull("the core group has no name");
        var pods = legacy["versions"]![0]!["resources"]!.AsArray().Single(r => (string?)r!["resource"] == "pods")!;
        pods["responseKind"]!.ToJsonString().ShouldBe("""{"group":"","version":"v1","kind":"Pod"}""");
        var namespaces = legacy["versions"]![0]!["resources"]!.AsArray().Single(r => (string?)r!["resource"] == "namespaces")!;
        namespaces["scope"]!.GetValue<string>().ShouldBe("Cluster");
        var apps = named.Body!["items"]!.AsArray().Single(g => (string?)g!["metadata"]!["name"] == "apps")!;
        var deployments = apps["versions"]![0]!["resources"]!.AsArray().Single(r => (string?)r!["resource"] == "deployments")!;
        Subresources(deployments)["scale"].ShouldBe("""{"group":"autoscaling","version":"v1","kind":"Scale"}""");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")]
    public async Task A_client_that_does_not_ask_for_aggregated_discovery_gets_the_legacy_group_list(string accept)
    {
        var response = await _api.GetAsync("/apis", accept);

        response.Body!["kind"]!.GetValue<string>().ShouldBe("APIGroupList");
        response.ContentType.ShouldBe("application/json");
    }

    [Fact]
    public async Task Kubectl_api_resources_lists_a_crd_read_from_aggregated_discovery()
    {
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", TestCrds.Widgets(group)));

        var listed = await _kubectl.SucceedAsync("api-resources", $"--api-group={group}", "-o", "name");

        listed.Trim().ShouldBe($"widgets.{group}");
        fixture.Server.Stats.Requests().ShouldNotContain(r => r.Path == $"/apis/{group}/v1",
            "kubectl found the group in the aggregated document and did not ask its group/version");
    }

    private static Dictionary<string, string> Subresources(JsonNode resource) =>
        resource["subresources"]!.AsArray().ToDictionary(s => (string)s!["subresource"]!, s => s!["responseKind"]!.ToJsonString());
}
