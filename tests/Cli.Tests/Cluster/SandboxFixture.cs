using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NodaTime;
using Tarnfui.Cli.Cluster;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Cli.Tests.Cluster;

[CollectionDefinition("Sandbox")]
public sealed class SandboxTests : ICollectionFixture<SandboxFixture>;

/// <summary>One emulated API server for every cluster-command test; each test makes its own namespace.</summary>
public sealed class SandboxFixture : EmulatorFixture
{
    private readonly ConcurrentQueue<string> _requests = new();
    private int _namespaces;

    /// <summary>Monday 2026-11-23 22:00 UTC: off-hours under the default schedule; the simulated clock starts here.</summary>
    public static Instant Start => TestWorkloads.Night;

    /// <summary>
    /// Runs before a request reaches the emulator: lets a test change an object between the plugin's read and its
    /// write. The tests of this collection run one at a time; a test that sets it clears it.
    /// </summary>
    public Func<HttpRequest, Task>? BeforeRequest { get; set; }

    /// <summary>The admin client (the fixture's <see cref="EmulatorFixture.Client"/>).</summary>
    public Kubernetes Admin => Client;

    /// <summary>A kubeconfig for the CLI's sandbox user.</summary>
    public string Kubeconfig { get; private set; } = null!;

    // Speed 0 would stop time; 1 keeps it moving as a real clock does, and every assertion allows for it.
    // Without the emulated controllers: the asserts compare resourceVersions, which their status writes would move.
    protected override EmulatorOptions Options() => new()
    {
        StartTime = Start,
        EmulateControllers = false,
        ConfigureApp = app => app.Use(async (context, next) =>
        {
            var request = context.Request;
            _requests.Enqueue($"{request.Method} {request.Path}{request.QueryString} accept={request.Headers.Accept}");
            if (BeforeRequest is { } hook)
            {
                await hook(request);
            }

            await next();
        }),
    };

    protected override Task StartedAsync()
    {
        Kubeconfig = WriteKubeconfig(EmulatorUsers.Cli);
        return Task.CompletedTask;
    }

    /// <summary>The environment a user's shell would give: no KUBECONFIG, no home, the sandbox's clock.</summary>
    public ClusterEnvironment Environment => new() { Clock = Server.Clock, Variable = _ => null, Home = null };

    /// <summary>Runs <c>kubectl tarnfui</c> with <c>--kubeconfig</c> pointing at the sandbox.</summary>
    public Task<CliRun> RunAsync(params string[] args) => ClusterCli.RunAsync(Environment, [.. args, "--kubeconfig", Kubeconfig]);

    /// <summary>
    /// Runs the plugin and returns the requests it sent (<c>VERB path?query accept=…</c>), in order. The tests of this
    /// collection run one at a time, so every request between the two marks is the plugin's.
    /// </summary>
    public async Task<(CliRun Run, IReadOnlyList<string> Requests)> RunRecordingAsync(params string[] args)
    {
        var before = _requests.Count;
        var run = await RunAsync(args);
        return (run, _requests.Skip(before).ToList());
    }

    public async Task<string> NamespaceAsync(Dictionary<string, string>? annotations = null)
    {
        var name = $"cli-{Interlocked.Increment(ref _namespaces)}";
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Annotations = annotations } });
        return name;
    }

    public Task<V1Deployment> DeploymentAsync(string @namespace, string name, int replicas, Dictionary<string, string>? annotations = null, Dictionary<string, string>? labels = null) =>
        Admin.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = name, Annotations = annotations, Labels = labels },
                Spec = new V1DeploymentSpec
                {
                    Replicas = replicas,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                    Template = Template(name),
                },
            },
            @namespace);

    public Task<V1StatefulSet> StatefulSetAsync(string @namespace, string name, int replicas, Dictionary<string, string>? annotations = null, Dictionary<string, string>? labels = null) =>
        Admin.AppsV1.CreateNamespacedStatefulSetAsync(
            new V1StatefulSet
            {
                Metadata = new V1ObjectMeta { Name = name, Annotations = annotations, Labels = labels },
                Spec = new V1StatefulSetSpec
                {
                    Replicas = replicas,
                    ServiceName = name,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                    Template = Template(name),
                },
            },
            @namespace);

    /// <summary>A CronJob (every quarter hour unless <paramref name="schedule"/> says); <paramref name="tarnfuiSuspended"/> gives it Tarnfui's record of <paramref name="original"/>.</summary>
    public Task<V1CronJob> CronJobAsync(string @namespace, string name, bool suspend, bool tarnfuiSuspended = false, bool original = false, string schedule = "*/15 * * * *", string? timeZone = null) =>
        Admin.BatchV1.CreateNamespacedCronJobAsync(
            new V1CronJob
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    Annotations = tarnfuiSuspended ? TestWorkloads.SuspendRecord(original) : null,
                    Labels = tarnfuiSuspended ? StoppedLabels(null) : null,
                },
                Spec = new V1CronJobSpec
                {
                    Schedule = schedule,
                    TimeZone = timeZone,
                    Suspend = suspend,
                    JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = Template(name) } },
                },
            },
            @namespace);

    /// <summary>A Deployment as Tarnfui leaves it after a stop: 0 replicas, the record, the label.</summary>
    public Task<V1Deployment> StoppedDeploymentAsync(string @namespace, string name, int original, Dictionary<string, string>? labels = null, Dictionary<string, string>? annotations = null) =>
        DeploymentAsync(@namespace, name, 0, StoppedAnnotations(original, annotations), StoppedLabels(labels));

    public Task<V1StatefulSet> StoppedStatefulSetAsync(string @namespace, string name, int original) =>
        StatefulSetAsync(@namespace, name, 0, StoppedAnnotations(original, null), StoppedLabels(null));

    private static Dictionary<string, string> StoppedAnnotations(int original, Dictionary<string, string>? more) => new(more ?? [])
    {
        [WellKnown.Annotations.OriginalReplicas] = original.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [WellKnown.Annotations.StoppedAt] = Core.Policy.AnnotationValues.FormatInstant(Start - Duration.FromHours(3)),
    };

    private static Dictionary<string, string> StoppedLabels(Dictionary<string, string>? more) => new(more ?? []) { [WellKnown.Labels.Stopped] = "true" };

    private static V1PodTemplateSpec Template(string name) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "registry.example/app:1" }] },
    };
}
