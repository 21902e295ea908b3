using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Deploy.Tests.Infrastructure;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Deploy.Tests.Publishing;

/// <summary>
/// The image's sweeper is native (NativeAOT): reflection the JIT build gets for free — serialising KubernetesClient's
/// models, reading kubeconfig, binding options — must work in it too, and only running it shows that. The published
/// executable, started as the manifest starts it, stops a running Deployment against the emulated API server (over
/// TLS, with the machine's trust store set aside) and brings it back.
/// </summary>
[Trait("Category", "Publish")]
[Collection(PublishedGroup.Name)]
public sealed class NativeSweeperTests(PublishedPrograms published)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_published_sweeper_stops_a_running_deployment_with_its_record_and_restores_it()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Instant.FromUtc(2026, 11, 23, 21, 0), Speed = 0 });
        using var admin = server.CreateClient();
        using var work = new TemporaryDirectory();
        var (command, kubeconfig) = await RunningDeploymentAsync(server, admin, work, replicas: 3);

        var stop = await SweepOnceAsync(command, kubeconfig, "never");

        var stopped = await admin.AppsV1.ReadNamespacedDeploymentAsync("web", "shop");
        stopped.Spec.Replicas.ShouldBe(0, stop.Describe("the native sweeper's stop sweep"));
        stopped.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
        stopped.Metadata.Labels[WellKnown.Labels.Stopped].ShouldBe("true");
        var events = await admin.EventsV1.ListNamespacedEventAsync("shop");
        events.Items.ShouldContain(e => e.Reason == WellKnown.EventReasons.Stopped && e.Regarding.Name == "web", stop.Describe("the Stopped Event"));
        // The JSON console formatter works in the native build too: every line an object, the sweep's id in scope.
        JsonLogLines.Parse(stop.StandardOutput).Single(l => l.Message().StartsWith("Stopped Deployment shop/web", StringComparison.Ordinal))
            .Scoped("SweepId").ShouldNotBeNullOrEmpty(stop.StandardOutput);
        // The kubeconfig carries the emulator's CA and no notification target is configured: the machine's trust store
        // decides nothing, is set aside before the first handshake, and the sweep above went through TLS without it.
        JsonLogLines.Parse(stop.StandardOutput).ShouldContain(l => l.Message().StartsWith("Machine trust store set aside", StringComparison.Ordinal), stop.StandardOutput);

        var restore = await SweepOnceAsync(command, kubeconfig, "always");

        var restored = await admin.AppsV1.ReadNamespacedDeploymentAsync("web", "shop");
        restored.Spec.Replicas.ShouldBe(3, restore.Describe("the native sweeper's restore sweep"));
        restored.Metadata.Annotations?.ContainsKey(WellKnown.Annotations.OriginalReplicas).ShouldNotBe(true);
    }

    [Fact]
    public async Task The_published_sweeper_leads_and_its_watches_bring_a_change_made_by_hand_into_its_view()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Instant.FromUtc(2026, 11, 23, 21, 0), Speed = 0 });
        using var admin = server.CreateClient();
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = WellKnown.Objects.Namespace } });
        using var work = new TemporaryDirectory();
        var (command, kubeconfig) = await RunningDeploymentAsync(server, admin, work, replicas: 2);

        // As deployed: leader election on (the Lease is created, then renewed), watches on, a sweep a second.
        await using var sweeper = await RunningProgram.StartAsync(
            [.. command, "--urls=http://127.0.0.1:0", "--Schedule:Uptime=never", "--Sweeper:Interval=1s", "--Sweeper:RetryPeriod=1s"],
            new Dictionary<string, string?> { ["KUBECONFIG"] = kubeconfig }, expectedAddresses: 1, Bound);
        using var http = new HttpClient { BaseAddress = sweeper.Address("http"), Timeout = TimeSpan.FromSeconds(10) };
        await UntilAsync(async () => (await http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).Contains("tarnfui_sweeper_workloads_held_down{namespace=\"shop\",kind=\"Deployment\"} 1", StringComparison.Ordinal), "web is stopped and held down", server, sweeper);

        // Deleted by hand: only the watch of stopped Deployments can tell the view, which no longer holds it down, and
        // shop holds nothing: its series goes (a scrape that still exports the leader gauge, not an empty answer).
        await admin.AppsV1.DeleteNamespacedDeploymentAsync("web", "shop");

        await UntilAsync(async () => await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)) is var text && text.Contains("tarnfui_sweeper_leader 1", StringComparison.Ordinal) && !text.Contains("tarnfui_sweeper_workloads_held_down{namespace=\"shop\"", StringComparison.Ordinal), "the deletion reaches the view", server, sweeper);
        (await admin.CoordinationV1.ReadNamespacedLeaseAsync(WellKnown.Objects.SweeperLease, WellKnown.Objects.Namespace)).Spec.HolderIdentity.ShouldNotBeNullOrEmpty(sweeper.Output);
        sweeper.Output.ShouldNotContain("Watch of", customMessage: "no watch ended or failed to read an event");
        sweeper.Output.ShouldNotContain("fail", Case.Insensitive);
    }

    // Deployment shop/web running with its pods on the sandbox, and the sweeper's command
    // as the manifest writes it with a kubeconfig for the sandbox's sweeper user.
    private async Task<(IReadOnlyList<string> Command, string Kubeconfig)> RunningDeploymentAsync(EmulatorServer server, Kubernetes admin, TemporaryDirectory work, int replicas)
    {
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } });
        await admin.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas), "shop");
        await server.Controllers.SettledAsync(Bound);
        var kubeconfig = server.WriteKubeconfig(work.Combine("kubeconfig"), EmulatorUsers.Sweeper);
        var command = published.CommandOf((await RenderedManifests.RenderAsync(Repository.PathOf("manifests", "base"))).Container("tarnfui-sweeper"));
        return (command, kubeconfig);
    }

    // The gauge is the program's own state: Eventually looks again on each store change the sweeper makes, and on its tick.
    private static async Task UntilAsync(Func<Task<bool>> condition, string what, EmulatorServer server, RunningProgram program)
    {
        try
        {
            await Eventually.UntilAsync(server.Store, condition, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{program.Output}", e);
        }
    }

    private static async Task<ProcessResult> SweepOnceAsync(IReadOnlyList<string> command, string kubeconfig, string uptime)
    {
        var result = await ProcessRunner.RunAsync(
            command[0], [.. command.Skip(1), "--once", "--urls=http://127.0.0.1:0", $"--Schedule:Uptime={uptime}", "--Sweeper:DryRun=false"], Bound,
            environment: new Dictionary<string, string?> { ["KUBECONFIG"] = kubeconfig });
        result.ExitCode.ShouldBe(0, result.Describe($"the sweeper --once with uptime {uptime}"));
        return result;
    }

    private static V1Deployment Deployment(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
            },
        },
    };
}
