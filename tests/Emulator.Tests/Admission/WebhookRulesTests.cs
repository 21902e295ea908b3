using k8s.Models;
using Tarnfui.Emulator.Admission;

namespace Tarnfui.Emulator.Tests.Admission;

public class WebhookRulesTests
{
    public static TheoryData<string, string, string, string, string?, bool> Cases => new()
    {
        // because, rule resources, request resource, subresource, namespace, expected
        { "the main resource", "deployments", "deployments", "", "ns", true },
        { "the main resource does not cover its /scale", "deployments", "deployments", "scale", "ns", false },
        { "a listed subresource", "deployments/scale", "deployments", "scale", "ns", true },
        { "a listed subresource does not cover the main resource", "deployments/scale", "deployments", "", "ns", false },
        { "* covers main resources only", "*", "statefulsets", "", "ns", true },
        { "* does not cover subresources", "*", "statefulsets", "scale", "ns", false },
        { "*/* covers subresources", "*/*", "statefulsets", "scale", "ns", true },
        { "*/scale covers every resource's /scale", "*/scale", "statefulsets", "scale", "ns", true },
        { "deployments/* covers every deployment subresource", "deployments/*", "deployments", "status", "ns", true },
        { "another resource", "statefulsets", "deployments", "", "ns", false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Resources_match_like_the_api_server(string because, string resource, string requested, string subResource, string? ns, bool expected)
    {
        var rule = new V1RuleWithOperations { ApiGroups = ["apps"], ApiVersions = ["v1"], Operations = ["UPDATE"], Resources = [resource] };

        WebhookRules.Match([rule], Request("UPDATE", "apps", requested, subResource, ns)).ShouldBe(expected, because);
    }

    public static TheoryData<string, V1RuleWithOperations, bool> OtherFields => new()
    {
        { "another operation", new V1RuleWithOperations { ApiGroups = ["apps"], ApiVersions = ["v1"], Operations = ["CREATE"], Resources = ["deployments"] }, false },
        { "operations *", new V1RuleWithOperations { ApiGroups = ["apps"], ApiVersions = ["v1"], Operations = ["*"], Resources = ["deployments"] }, true },
        { "another group", new V1RuleWithOperations { ApiGroups = [""], ApiVersions = ["v1"], Operations = ["UPDATE"], Resources = ["deployments"] }, false },
        { "groups and versions *", new V1RuleWithOperations { ApiGroups = ["*"], ApiVersions = ["*"], Operations = ["UPDATE"], Resources = ["deployments"] }, true },
        { "scope Cluster on a namespaced request", new V1RuleWithOperations { ApiGroups = ["apps"], ApiVersions = ["v1"], Operations = ["UPDATE"], Resources = ["deployments"], Scope = "Cluster" }, false },
        { "scope Namespaced on a namespaced request", new V1RuleWithOperations { ApiGroups = ["apps"], ApiVersions = ["v1"], Operations = ["UPDATE"], Resources = ["deployments"], Scope = "Namespaced" }, true },
    };

    [Theory, MemberData(nameof(OtherFields))]
    public void Operations_groups_versions_and_scope_must_all_match(string because, V1RuleWithOperations rule, bool expected) =>
        WebhookRules.Match([rule], Request("UPDATE", "apps", "deployments", "", "ns")).ShouldBe(expected, because);

    private static AdmissionAttributes Request(string operation, string group, string resource, string subResource, string? ns) => new()
    {
        Operation = operation,
        Resource = new GroupVersionResource(group, "v1", resource),
        SubResource = subResource,
        Kind = new GroupVersionKind(group, "v1", "Deployment"),
        Namespace = ns,
        User = new UserInfo("alice", []),
    };
}
