using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// One sandbox (API server + emulated controllers) shared by the sweeper's integration tests; each test makes its
/// own namespaces. Time is frozen and set by the tests: Monday 2026-11-23, default uptime Mon-Fri 07:00-19:00 UTC.
/// </summary>
public sealed class SweeperSandbox : EmulatorFixture
{
    public static readonly Instant Noon = Instant.FromUtc(2026, 11, 23, 12, 0);
    public static readonly Instant Evening = Instant.FromUtc(2026, 11, 23, 20, 0);
    public static readonly Instant Midnight = Instant.FromUtc(2026, 11, 24, 0, 0);
    public static readonly Instant Morning = Instant.FromUtc(2026, 11, 24, 8, 0);
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>The admin client (the fixture's <see cref="EmulatorFixture.Client"/>).</summary>
    public Kubernetes Admin => Client;

    /// <summary>A merge patch that sets one annotation, or removes it when <paramref name="value"/> is null.</summary>
    public static string AnnotationPatch(string key, string? value) =>
        new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["annotations"] = new System.Text.Json.Nodes.JsonObject { [key] = value } } }.ToJsonString();

    public Task<string> NamespaceAsync(string prefix, IDictionary<string, string>? annotations = null) => CreateNamespaceAsync(prefix, annotations);

    public Task<V1Deployment> DeploymentAsync(string ns, string name, int replicas, IDictionary<string, string>? annotations = null, V1OwnerReference? owner = null) =>
        Admin.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, Annotations = annotations, OwnerReferences = owner is null ? null : [owner], Labels = new Dictionary<string, string> { ["app"] = name } },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = Template(name),
            },
        }, ns);

    public Task<V1StatefulSet> StatefulSetAsync(string ns, string name, int replicas, IDictionary<string, string>? annotations = null) =>
        Admin.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = name, Annotations = annotations, Labels = new Dictionary<string, string> { ["app"] = name } },
            Spec = new V1StatefulSetSpec
            {
                Replicas = replicas,
                ServiceName = name,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = Template(name),
            },
        }, ns);

    public Task<V1DaemonSet> DaemonSetAsync(string ns, string name) =>
        Admin.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = Template(name),
            },
        }, ns);

    /// <summary>A CronJob; <paramref name="suspend"/> null leaves <c>spec.suspend</c> out, for the server to default.</summary>
    public Task<V1CronJob> CronJobAsync(string ns, string name, bool? suspend, IDictionary<string, string>? annotations = null) =>
        Admin.BatchV1.CreateNamespacedCronJobAsync(new V1CronJob
        {
            Metadata = new V1ObjectMeta { Name = name, Annotations = annotations },
            Spec = new V1CronJobSpec
            {
                Schedule = "0 2 * * *",
                Suspend = suspend,
                JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = Template(name) } },
            },
        }, ns);

    public async Task<V1CronJob> ReadCronJobAsync(string ns, string name) => await Admin.BatchV1.ReadNamespacedCronJobAsync(name, ns);

    public async Task<int?> ReplicasAsync(string ns, string name) => (await Admin.AppsV1.ReadNamespacedDeploymentAsync(name, ns)).Spec.Replicas;

    public async Task<V1Deployment> ReadAsync(string ns, string name) => await Admin.AppsV1.ReadNamespacedDeploymentAsync(name, ns);

    public async Task<IList<Eventsv1Event>> EventsAsync(string ns) => (await Admin.EventsV1.ListNamespacedEventAsync(ns)).Items;

    public async Task<int> RunningPodsAsync(string ns) =>
        (await Admin.CoreV1.ListNamespacedPodAsync(ns)).Items.Count(p => p.Status?.Phase is not ("Succeeded" or "Failed"));

    /// <summary>
    /// Waits until each list the sweeper made after request <paramref name="since"/> (the pods it lists every sweep
    /// aside) has the watch that follows it open: a reflector opens its watch after its list, on its own time, so a
    /// sweep that only waited for the lists would otherwise find the next sweep charged with a late watch.
    /// </summary>
    public Task SweeperWatchesOpenAsync(long since)
    {
        var lists = Server.Stats.Requests()
            .Where(r => r.Sequence > since && r.User == EmulatorUsers.Sweeper && r.Verb == "list" && r.Resource != "pods")
            .GroupBy(Watched).Select(g => (Key: g.Key, Sequence: g.Max(r => r.Sequence))).ToList();
        return Eventually.UntilAsync(
            () =>
            {
                var open = Server.Stats.Open().Where(r => r.User == EmulatorUsers.Sweeper).ToList();
                return lists.All(list => open.Any(watch => watch.Sequence > list.Sequence && Watched(watch) == list.Key));
            },
            $"the sweeper's watches of {string.Join(", ", lists.Select(l => l.Key))} open");

        static string Watched(Emulator.Accounting.RequestRecord r) =>
            $"{r.Resource} in {r.Namespace ?? "all namespaces"} ({r.QueryValue("labelSelector")};{r.QueryValue("fieldSelector")})";
    }

    private static V1PodTemplateSpec Template(string name) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "main",
                    Image = "registry.example/" + name + ":1",
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("64Mi") } },
                },
            ],
        },
    };

    protected override EmulatorOptions Options() => new() { StartTime = Noon, Speed = 0 };

    protected override async Task StartedAsync() =>
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = WellKnown.Objects.Namespace } });
}

[CollectionDefinition("Sandbox")]
public sealed class SweeperSandboxDefinition : ICollectionFixture<SweeperSandbox>;

/// <summary>The fault tests get a sandbox of their own, so that faults never leak into the other tests' cluster.</summary>
[CollectionDefinition("FaultSandbox")]
public sealed class FaultSandboxDefinition : ICollectionFixture<SweeperSandbox>;

/// <summary>The KEDA tests get a sandbox of their own: the ScaledObject CRD they install must not reach the others' cluster.</summary>
[CollectionDefinition("KedaSandbox")]
public sealed class KedaSandboxDefinition : ICollectionFixture<SweeperSandbox>;

/// <summary>The KEDA sweep-cost test's own sandbox: its thousand Deployments must not slow the other tests' controllers.</summary>
[CollectionDefinition("KedaCostSandbox")]
public sealed class KedaCostSandboxDefinition : ICollectionFixture<SweeperSandbox>;

/// <summary>The cost test of Rollouts and ScaledObjects together: both CRDs and thousands of objects, in a cluster of its own.</summary>
[CollectionDefinition("MixedKindsCostSandbox")]
public sealed class MixedKindsCostSandboxDefinition : ICollectionFixture<SweeperSandbox>;
