using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Admission;

public class AdmissionLabelsTests
{
    public static TheoryData<string, string?, string> OperationCases => new()
    {
        { "a create", "CREATE", "CREATE" },
        { "an update", "UPDATE", "UPDATE" },
        { "a delete", "DELETE", "DELETE" },
        { "a connect", "CONNECT", "CONNECT" },
        { "absent", null, "other" },
        { "empty", "", "other" },
        { "lower case is not what the API server sends", "create", "other" },
        { "a PATCH is not an admission operation", "PATCH", "other" },
        { "a NUL inside", "CRE\0ATE", "other" },
        { "a long string", new string('U', 100_000), "other" },
    };

    [Theory, MemberData(nameof(OperationCases))]
    public void Operation_is_one_of_a_fixed_set(string because, string? operation, string expected)
    {
        var label = AdmissionLabels.Operation(operation);

        label.ShouldBe(expected, because);
        AdmissionLabels.Operations.ShouldContain(label);
    }

    public static TheoryData<string, string?, string?, string?, string> ResourceCases => new()
    {
        { "a deployment", "apps", "deployments", null, "deployments" },
        { "an empty subresource is none", "apps", "deployments", "", "deployments" },
        { "a deployment's scale", "apps", "deployments", "scale", "deployments/scale" },
        { "a statefulset", "apps", "statefulsets", null, "statefulsets" },
        { "a statefulset's scale", "apps", "statefulsets", "scale", "statefulsets/scale" },
        { "another subresource", "apps", "deployments", "status", "other" },
        { "another group", "extensions", "deployments", null, "other" },
        { "another resource", "apps", "replicasets", null, "other" },
        { "a pod", "", "pods", null, "other" },
        { "a CronJob", "batch", "cronjobs", null, "cronjobs" },
        { "a CronJob has no scale", "batch", "cronjobs", "scale", "other" },
        { "a Job (held with Webhook:SuspendNewJobs)", "batch", "jobs", null, "jobs" },
        { "a Job has no scale", "batch", "jobs", "scale", "other" },
        { "another API's jobs", "example.io", "jobs", null, "other" },
        { "an Argo Rollout", "argoproj.io", "rollouts", null, "rollouts" },
        { "an Argo Rollout's scale", "argoproj.io", "rollouts", "scale", "rollouts/scale" },
        { "another API's rollouts", "example.io", "rollouts", null, "other" },
        { "no resource", null, null, null, "other" },
        { "a NUL inside", "apps", "deploy\0ments", null, "other" },
        { "a long string", "apps", new string('d', 100_000), "scale", "other" },
    };

    [Theory, MemberData(nameof(ResourceCases))]
    public void Resource_is_one_of_a_fixed_set(string because, string? group, string? resource, string? subResource, string expected)
    {
        var gvr = group is null && resource is null ? null : new GroupVersionResource { Group = group, Resource = resource };

        var label = AdmissionLabels.Resource(gvr, subResource);

        label.ShouldBe(expected, because);
        AdmissionLabels.Resources.ShouldContain(label);
    }

    [Fact]
    public void Every_decision_label_is_in_the_fixed_set()
    {
        AdmissionDecision[] decisions =
        [
            AdmissionDecision.Allow,
            new AdmissionDecision.Allowed(["a warning"]),
            new AdmissionDecision.Patched([], []),
            new AdmissionDecision.Denied("no"),
        ];

        AdmissionLabels.Decisions.ShouldBe([.. decisions.Select(d => d.Label), AdmissionLabels.Error], ignoreOrder: true);
    }
}
