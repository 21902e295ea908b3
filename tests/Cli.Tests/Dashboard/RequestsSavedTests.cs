using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Cli.Dashboard;
using Tarnfui.Cli.Tests.Cluster;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Testing;

namespace Tarnfui.Cli.Tests.Dashboard;

/// <summary>The overview's CPU and memory requests saved, from the pod templates of what Tarnfui holds, at a fixed instant.</summary>
[Collection("Sandbox")]
public class RequestsSavedTests(SandboxFixture sandbox)
{
    private static readonly Instant Now = SandboxFixture.Start;

    [Fact]
    public async Task Requests_saved_are_each_held_pods_requests_times_its_recorded_replicas_and_the_hours_since_its_stop()
    {
        await KedaScaledObjects.InstallAsync(sandbox.Server);
        var ns = await sandbox.NamespaceAsync();

        // 0.75 cores and 1 GiB of app containers; the init container's 2 GiB runs alone first, so a pod needs 2 GiB.
        await CreateAsync(ns, "api", replicas: 0, original: 4, stoppedHoursAgo: 3, Containers(("250m", "256Mi"), ("500m", "768Mi")), init: Containers(("100m", "2Gi")));
        // Running: requests nothing saved.
        await CreateAsync(ns, "busy", replicas: 2, original: null, stoppedHoursAgo: null, Containers(("4", "16Gi")));
        // The target of a ScaledObject paused 2 hours ago with 2 replicas owed: 0.5 cores and 512 MiB a pod.
        await CreateAsync(ns, "queue", replicas: 0, original: null, stoppedHoursAgo: null, Containers(("500m", "512Mi")));
        await KedaScaledObjects.ApplyAsync(sandbox.Server, ns, "queue-so", "queue", PausedRecord(targetReplicas: 2, Now - Duration.FromHours(2)), stoppedLabel: true);

        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns, FixedNow = Now });
        var page = await dashboard.PageAsync("/");

        // api: 4 × (0.75 cores, 2 GiB) for 3 h; queue: 2 × (0.5 cores, 0.5 GiB) for 2 h.
        DashboardPage.Value(page, "cpu-saved").ShouldBe("4");
        DashboardPage.Value(page, "memory-saved").ShouldBe("9");
        DashboardPage.Value(page, "cpu-hours-saved").ShouldBe("11");
        DashboardPage.Value(page, "memory-hours-saved").ShouldBe("26");
    }

    private static List<V1Container> Containers(params (string Cpu, string Memory)[] requests) =>
        [.. requests.Select((r, i) => new V1Container
        {
            Name = $"c{i}",
            Image = "registry.example/app:1",
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(r.Cpu), ["memory"] = new(r.Memory) },
            },
        })];

    private static Dictionary<string, string> PausedRecord(int targetReplicas, Instant pausedAt) => new()
    {
        [WellKnown.Keda.PausedReplicas] = "0",
        [WellKnown.Annotations.OriginalReplicas] = targetReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [WellKnown.Annotations.HeldReplicas] = "0",
        [WellKnown.Annotations.OriginalPausedReplicas] = WellKnown.Annotations.UnsetValue,
        [WellKnown.Annotations.StoppedAt] = AnnotationValues.FormatInstant(pausedAt),
    };

    private Task<V1Deployment> CreateAsync(string ns, string name, int replicas, int? original, int? stoppedHoursAgo, List<V1Container> containers, List<V1Container>? init = null)
    {
        var held = original is not null && stoppedHoursAgo is not null;
        return sandbox.Admin.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    Annotations = held ? new Dictionary<string, string>
                    {
                        [WellKnown.Annotations.OriginalReplicas] = original!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        [WellKnown.Annotations.StoppedAt] = AnnotationValues.FormatInstant(Now - Duration.FromHours(stoppedHoursAgo!.Value)),
                    } : null,
                    Labels = held ? new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" } : null,
                },
                Spec = new V1DeploymentSpec
                {
                    Replicas = replicas,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                        Spec = new V1PodSpec { Containers = containers, InitContainers = init },
                    },
                },
            },
            ns);
    }
}
