using Tarnfui.Cli.Cluster.Targets;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Tests.Cluster;

public class WorkloadTargetTests
{
    public static TheoryData<string, string, WorkloadKind, string> Valid => new()
    {
        { "short name of deployments", "deploy/api", WorkloadKind.Deployment, "api" },
        { "singular kind", "deployment/api", WorkloadKind.Deployment, "api" },
        { "plural resource", "deployments/api", WorkloadKind.Deployment, "api" },
        { "group-qualified, as kubectl prints it", "deployment.apps/api", WorkloadKind.Deployment, "api" },
        { "kind is case-insensitive", "Deployment/api", WorkloadKind.Deployment, "api" },
        { "short name of statefulsets", "sts/db", WorkloadKind.StatefulSet, "db" },
        { "statefulset singular", "statefulset/db", WorkloadKind.StatefulSet, "db" },
        { "statefulset group-qualified plural", "statefulsets.apps/db", WorkloadKind.StatefulSet, "db" },
        { "dots and dashes in names", "deploy/api-v2.blue", WorkloadKind.Deployment, "api-v2.blue" },
        { "short name of cronjobs", "cj/nightly", WorkloadKind.CronJob, "nightly" },
        { "cronjob singular", "cronjob/nightly", WorkloadKind.CronJob, "nightly" },
        { "job singular", "job/backfill", WorkloadKind.Job, "backfill" },
        { "job plural qualified by its group", "jobs.batch/backfill", WorkloadKind.Job, "backfill" },
        { "cronjob group-qualified plural", "cronjobs.batch/nightly", WorkloadKind.CronJob, "nightly" },
        { "an Argo Rollout", "rollout/web", WorkloadKind.Rollout, "web" },
        { "short name of rollouts", "ro/web", WorkloadKind.Rollout, "web" },
        { "rollouts qualified by their group", "rollouts.argoproj.io/web", WorkloadKind.Rollout, "web" },
    };

    [Theory, MemberData(nameof(Valid))]
    public void Parse_accepts_what_kubectl_accepts(string because, string text, WorkloadKind kind, string name) =>
        WorkloadTarget.Parse(text).Value.ShouldBe(new WorkloadTarget(kind, name), because);

    public static TheoryData<string, string?, string> Invalid => new()
    {
        { "no kind", "api", "name it as KIND/NAME" },
        { "empty name", "deploy/", "name it as KIND/NAME" },
        { "empty kind", "/api", "name it as KIND/NAME" },
        { "a kind Tarnfui does not scale", "daemonset/agent", "kind \"daemonset\" is not one Tarnfui stops" },
        { "pods are not workloads here", "pod/api-1", "kind \"pod\" is not one Tarnfui stops" },
        { "the hint lists every kind the CLI takes", "ds/agent", "kind \"ds\" is not one Tarnfui stops; use deploy/NAME, sts/NAME, ro/NAME, cj/NAME" },
        { "DaemonSets are not stopped by the CLI", "daemonset/agent", "kind \"daemonset\" is not one Tarnfui stops" },
        { "a CronJob in another API group is not batch's", "cronjob.example.com/x", "kind \"cronjob.example.com\" is not one Tarnfui stops" },
        { "upper-case names are invalid in Kubernetes", "deploy/API", "is not a valid name" },
        { "a second slash", "deploy/a/b", "is not a valid name" },
        { "missing", null, "name it as KIND/NAME" },
    };

    [Theory, MemberData(nameof(Invalid))]
    public void Parse_names_the_problem(string because, string? text, string message)
    {
        var result = WorkloadTarget.Parse(text);
        result.IsValid.ShouldBeFalse(because);
        result.Error.ShouldContain(message, Case.Sensitive, because);
        result.Error.ShouldContain($"\"{text}\"", Case.Sensitive, because);
    }

    public static TheoryData<string, string[], string?, bool, bool, string?> Selections => new()
    {
        { "one name", ["deploy/api"], null, false, false, null },
        { "several names", ["deploy/api", "sts/db"], null, false, false, null },
        { "a selector", [], "app=api", false, false, null },
        { "all", [], null, true, false, null },
        { "all in all namespaces", [], null, true, true, null },
        { "nothing selected", [], null, false, false, "name at least one workload" },
        { "names and a selector", ["deploy/api"], "app=api", false, false, "select workloads in one way" },
        { "a selector and all", [], "app=api", true, false, "select workloads in one way" },
        { "a name across all namespaces", ["deploy/api"], null, false, true, "cannot be named across all namespaces" },
        { "a bad name among good ones", ["deploy/api", "ds/x"], null, false, false, "kind \"ds\" is not one Tarnfui stops" },
    };

    [Theory, MemberData(nameof(Selections))]
    public void Selection_takes_exactly_one_way_to_choose(string because, string[] names, string? selector, bool all, bool allNamespaces, string? error)
    {
        var result = TargetSelection.Parse(names, selector, all, allNamespaces);
        if (error is null)
        {
            result.IsValid.ShouldBeTrue(because);
        }
        else
        {
            result.Error.ShouldNotBeNull(because);
            result.Error.ShouldContain(error, Case.Sensitive, because);
        }
    }
}
