using System.Text.Json;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// What a <c>/scale</c> decision reads of the workload behind the Scale, from the object as the API server returns it:
/// a wrong type fails the read (and the webhook lets the request through, counted and logged), anything absent is absent.
/// </summary>
public sealed class ParentWorkloadTests
{
    public static TheoryData<string, string, string?, bool, int?, string?> Objects => new()
    {
        {
            "a Deployment with everything",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","annotations":{"tarnfui.io/uptime":"always","team":"shop"},"labels":{"app":"api"},"ownerReferences":[{"kind":"X","name":"x","controller":false},{"kind":"Y","name":"y","controller":true}],"managedFields":[{"manager":"kubectl"}]},"spec":{"replicas":3,"template":{"spec":{"containers":[]}}},"status":{"replicas":3}}""",
            "tarnfui.io/uptime=always, team=shop", true, 3, "app=api"
        },
        { "no metadata, no spec", """{"kind":"Rollout"}""", null, false, null, null },
        { "nulls where maps and owners would be", """{"metadata":{"annotations":null,"labels":null,"ownerReferences":null},"spec":{"replicas":null}}""", null, false, null, null },
        { "owners none of which is the controller", """{"metadata":{"ownerReferences":[{"kind":"X"},null,{"controller":"true"}]},"spec":{}}""", null, false, null, null },
        { "empty maps stay maps", """{"metadata":{"annotations":{},"labels":{}},"spec":{"replicas":0}}""", "", false, 0, "" },
    };

    public static TheoryData<string, string> Malformed => new()
    {
        { "metadata a string", """{"metadata":"x"}""" },
        { "annotations an array", """{"metadata":{"annotations":["a"]}}""" },
        { "an annotation a number", """{"metadata":{"annotations":{"tarnfui.io/uptime":7}}}""" },
        { "a label null", """{"metadata":{"labels":{"app":null}}}""" },
        { "ownerReferences an object", """{"metadata":{"ownerReferences":{"controller":true}}}""" },
        { "spec an array", """{"spec":[]}""" },
    };

    [Theory, MemberData(nameof(Objects))]
    public void What_the_decision_needs_is_read_from_the_object(string because, string json, string? annotations, bool operatorOwned, int? replicas, string? labels)
    {
        var parent = ParentWorkload.FromObject(JsonElement.Parse(json));

        Text(parent.Annotations).ShouldBe(annotations, because);
        parent.OperatorOwned.ShouldBe(operatorOwned, because);
        parent.Replicas.ShouldBe(replicas, because);
        Text(parent.Labels).ShouldBe(labels, because);
    }

    [Theory, MemberData(nameof(Malformed))]
    public void A_value_of_another_type_fails_the_read(string because, string json) =>
        Should.Throw<JsonException>(() => ParentWorkload.FromObject(JsonElement.Parse(json)), because);

    private static string? Text(IReadOnlyDictionary<string, string>? map) =>
        map is null ? null : string.Join(", ", map.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"));
}
