using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Emulator.Accounting;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// The scope against the sandbox: a sweeper given <c>Scope:Namespaces</c> reads each of them and never the whole
/// cluster (what Roles alone allow), a label selector keeps a Deployment running even on the copy route, and a glob in
/// <c>Schedule:ExcludedNamespaces</c> keeps a namespace's workloads running without walking its pods.
/// </summary>
[Collection("Sandbox")]
public class ScopeNightTests(SweeperSandbox sandbox)
{
    private static readonly Instant LastDaySweep = Instant.FromUtc(2026, 11, 23, 18, 59, 30);

    [Fact]
    public async Task A_namespaced_night_makes_no_cluster_scoped_request_and_stops_nothing_outside_its_namespaces()
    {
        var a = await sandbox.NamespaceAsync("scope-a");
        var b = await sandbox.NamespaceAsync("scope-b");
        var outside = await sandbox.NamespaceAsync("scope-outside");
        foreach (var ns in new[] { a, b, outside })
        {
            await sandbox.DeploymentAsync(ns, "api", 2);
        }

        await sandbox.StatefulSetAsync(b, "db", 1);
        await sandbox.CronJobAsync(a, "report", suspend: false);
        await sandbox.SettledAsync();
        var before = LastSequence();
        await using var sweeper = TestSweeper.Create(sandbox.Server, settings: [$"--Scope:Namespaces:0={a}", $"--Scope:Namespaces:1={b}"]);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var evening = await sweeper.SweepAsync();
        await sandbox.SettledAsync();
        evening.Stopped.Select(w => w.Namespace).Distinct().Order().ShouldBe(new[] { a, b }.Order());
        (await sandbox.ReplicasAsync(a, "api")).ShouldBe(0);
        (await sandbox.ReplicasAsync(b, "api")).ShouldBe(0);
        (await sandbox.ReplicasAsync(outside, "api")).ShouldBe(2);
        (await sandbox.ReadCronJobAsync(a, "report")).Spec.Suspend.ShouldBe(true);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        var morning = await sweeper.SweepAsync();
        await sandbox.SettledAsync();
        morning.Restored.Select(w => w.Namespace).Distinct().Order().ShouldBe(new[] { a, b }.Order());
        (await sandbox.ReplicasAsync(a, "api")).ShouldBe(2);
        (await sandbox.ReplicasAsync(b, "api")).ShouldBe(2);

        var requests = SweeperRequests(before);
        requests.ShouldNotBeEmpty();
        requests.Where(r => !IsNamespaced(r, [a, b])).Select(Describe).ShouldBeEmpty("a namespaced sweeper reads and writes only its namespaces");
        requests.Where(r => r.Namespace is { } ns && ns != a && ns != b).Select(Describe).ShouldBeEmpty("nothing outside the scope is read or written");
        requests.ShouldContain(r => r.Verb == "list" && r.Resource == "namespaces", "the namespaces are read, one by one");
    }

    [Fact]
    public async Task A_deployment_excluded_by_its_labels_or_its_namespaces_is_not_stopped_through_the_copy_route()
    {
        var ns = await sandbox.NamespaceAsync("selector");
        var labelled = (await sandbox.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta { GenerateName = "selector-labelled-", Labels = new Dictionary<string, string> { ["tier"] = "db" } },
        })).Metadata.Name;
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.DeploymentAsync(ns, "db", 2);
        await sandbox.Admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"metadata":{"labels":{"tier":"db"}}}""", V1Patch.PatchType.MergePatch), "db", ns);
        await sandbox.DeploymentAsync(labelled, "api", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, settings: ["--Policy:ExcludeSelector=tier in (db)", "--Sweeper:FastStop=true"]);

        // The day's sweep learns every ReplicaSet's copy; the evening's would stop from the copies alone.
        sandbox.Server.Clock.SetTo(LastDaySweep);
        await sweeper.SweepAsync();
        sandbox.Server.Clock.SetTo(LastDaySweep + Duration.FromSeconds(30));
        var evening = await sweeper.SweepAsync();
        await sandbox.SettledAsync();

        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(0, "a Deployment the selector does not match is stopped");
        (await sandbox.ReplicasAsync(ns, "db")).ShouldBe(2, "its own labels match the exclude selector");
        (await sandbox.ReplicasAsync(labelled, "api")).ShouldBe(2, "its namespace's labels match the exclude selector");
        evening.Stopped.ShouldNotContain(w => w.Namespace == labelled || w.Name == "db" && w.Namespace == ns);
    }

    [Fact]
    public async Task A_namespace_matched_by_a_glob_is_not_stopped_and_its_pods_are_not_walked()
    {
        var excluded = await sandbox.NamespaceAsync("globbed-sandbox");
        var kept = await sandbox.NamespaceAsync("globbed-team");
        await sandbox.DeploymentAsync(excluded, "api", 2);
        await sandbox.DeploymentAsync(kept, "api", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, settings: ["--Schedule:ExcludedNamespaces:0=globbed-s?ndbox-*", "--Schedule:ExcludedNamespaces:1=legacy"]);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var before = LastSequence();
        await sweeper.SweepAsync();
        await sandbox.SettledAsync();

        (await sandbox.ReplicasAsync(excluded, "api")).ShouldBe(2);
        (await sandbox.ReplicasAsync(kept, "api")).ShouldBe(0);
        SweeperRequests(before).Where(r => r.Namespace == excluded).Select(Describe).ShouldBeEmpty("the glob leaves the namespace out before its pods are walked");
        var podSelectors = SweeperRequests(before).Where(r => r.Resource == "pods").Select(r => r.QueryValue("fieldSelector") ?? "").ToList();
        podSelectors.ShouldNotBeEmpty();
        podSelectors.ShouldAllBe(selector => selector.Contains("metadata.namespace!=legacy") && !selector.Contains("globbed"), "only names go to the server; a glob cannot be a field selector");
    }

    // A request confined to the listed namespaces: in one of them, or the read of one of them by name.
    // Discovery (GET /apis/GROUP/VERSION, which ServedApis asks for the optional kinds) names no resource: every
    // authenticated user may read it (the system:discovery role), so it is no grant a namespaced install lacks.
    private static bool IsNamespaced(RequestRecord request, string[] namespaces) =>
        request.Namespace is { } ns
            ? namespaces.Contains(ns)
            : IsDiscovery(request) || request.Resource == "namespaces" && request.QueryValue("fieldSelector") is { } selector && namespaces.Any(n => selector == "metadata.name=" + n);

    private static bool IsDiscovery(RequestRecord request) =>
        request.Method == "GET" && request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["apis", _, _];

    private static string Describe(RequestRecord request) => $"{request.Method} {request.Path}{request.Query}";

    private long LastSequence() => sandbox.Server.Stats.LastSequence;

    // Requests are numbered as they arrive: a watch of a sweeper an earlier test disposed, logged when it ends during
    // this test, is numbered before this test's mark and is not among them.
    private List<RequestRecord> SweeperRequests(long after) =>
        [.. sandbox.Server.Stats.Requests().Where(r => r.Sequence > after && r.User == EmulatorUsers.Sweeper)];
}
