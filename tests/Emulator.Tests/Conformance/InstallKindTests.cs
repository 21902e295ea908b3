using System.Net;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// Every kind the install applies goes through the one generic resource path: create, read, list, patch (JSON,
/// merge, strategic, server-side apply) and delete, namespaced or cluster-scoped.
/// </summary>
[Collection("Sandbox")]
public sealed class InstallKindTests(SandboxFixture fixture) : IDisposable
{
    private readonly RawApi _api = new(fixture.Server.HttpUrl);

    public void Dispose() => _api.Dispose();

    public static TheoryData<string, string, bool, string> Kinds => new()
    {
        { "api/v1", "ServiceAccount", true, "" },
        { "api/v1", "Secret", true, ""","type":"Opaque","data":{"k":"dg=="}""" },
        { "api/v1", "Service", true, ""","spec":{"selector":{"app":"x"},"ports":[{"name":"https","port":443,"targetPort":"https"}]}""" },
        { "api/v1", "ConfigMap", true, ""","data":{"k":"v"}""" },
        { "apis/rbac.authorization.k8s.io/v1", "Role", true, ""","rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]""" },
        { "apis/rbac.authorization.k8s.io/v1", "ClusterRole", false, ""","rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]""" },
        { "apis/rbac.authorization.k8s.io/v1", "RoleBinding", true, ""","roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r"},"subjects":[]""" },
        { "apis/rbac.authorization.k8s.io/v1", "ClusterRoleBinding", false, ""","roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"r"},"subjects":[]""" },
        { "apis/policy/v1", "PodDisruptionBudget", true, ""","spec":{"minAvailable":1,"selector":{"matchLabels":{"app":"x"}}}""" },
        { "apis/networking.k8s.io/v1", "NetworkPolicy", true, ""","spec":{"podSelector":{},"policyTypes":["Ingress"]}""" },
        { "apis/admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", false, ""","webhooks":[]""" },
        { "apis/coordination.k8s.io/v1", "Lease", true, ""","spec":{"holderIdentity":"a"}""" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_kind_of_the_install_is_created_read_listed_patched_and_deleted(string groupVersion, string kind, bool namespaced, string fields)
    {
        var ns = await fixture.CreateNamespaceAsync();
        var name = $"{ns}-x";
        var apiVersion = groupVersion == "api/v1" ? "v1" : groupVersion["apis/".Length..];
        var plural = kind.ToLowerInvariant() switch
        {
            "networkpolicy" => "networkpolicies",
            var lower => lower + "s",
        };
        var collection = namespaced ? $"/{groupVersion}/namespaces/{ns}/{plural}" : $"/{groupVersion}/{plural}";
        var item = $"{collection}/{name}";

        await RawApi.ExpectAsync(HttpStatusCode.Created,
            _api.PostAsync(collection, $$$"""{"apiVersion":"{{{apiVersion}}}","kind":"{{{kind}}}","metadata":{"name":"{{{name}}}"}{{{fields}}}}"""));
        (await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync(item)))["kind"]!.GetValue<string>().ShouldBe(kind);
        (await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync(collection)))["items"]!.AsArray()
            .ShouldContain(i => (string?)i!["metadata"]!["name"] == name);
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync(item, """[{"op":"add","path":"/metadata/labels","value":{"json":"1"}}]""", "application/json-patch+json"));
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync(item, """{"metadata":{"labels":{"merge":"1"}}}"""));
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync(item, """{"metadata":{"labels":{"strategic":"1"}}}""", "application/strategic-merge-patch+json"));
        var applied = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"{item}?fieldManager=test",
            $$"""{"apiVersion":"{{apiVersion}}","kind":"{{kind}}","metadata":{"name":"{{name}}","labels":{"applied":"1"} } }""", "application/apply-patch+yaml"));
        applied["metadata"]!["labels"]!.AsObject().Select(l => l.Key).Order().ShouldBe(["applied", "json", "merge", "strategic"]);
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.DeleteAsync(item));
        (await _api.GetAsync(item)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Server_side_apply_of_a_missing_object_creates_it()
    {
        var ns = await fixture.CreateNamespaceAsync();

        var created = await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/settings?fieldManager=test",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"k":"v"}}""", "application/apply-patch+yaml"));

        created["metadata"]!["namespace"]!.GetValue<string>().ShouldBe(ns);
        created["data"]!["k"]!.GetValue<string>().ShouldBe("v");
    }

    [Fact]
    public async Task Server_side_apply_with_a_name_other_than_the_url_is_400()
    {
        var ns = await fixture.CreateNamespaceAsync();

        var response = await _api.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/settings?fieldManager=test",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"other"}}""", "application/apply-patch+yaml");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
    }
}
