using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// A sandbox whose Job pods run for <see cref="RunTime"/> of simulated time, so a Job started before the evening is
/// still running at the evening sweep (the shared sandbox's Jobs finish at once). Time is frozen and set by the tests,
/// on the shared sandbox's day; the controllers see it move through <see cref="AtAsync"/>.
/// </summary>
public sealed class JobSandbox : EmulatorFixture
{
    public static readonly Duration RunTime = Duration.FromHours(2);

    public Kubernetes Admin => Client;

    /// <summary>A Job of <paramref name="parallelism"/> pods, one completion each; its pods start running at once.</summary>
    public async Task<V1Job> JobAsync(string ns, string name, int parallelism = 1, IDictionary<string, string>? annotations = null, V1OwnerReference? owner = null)
    {
        var job = await Admin.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = name, Annotations = annotations, OwnerReferences = owner is null ? null : [owner] },
            Spec = new V1JobSpec
            {
                Parallelism = parallelism,
                Completions = parallelism,
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "main", Image = "registry.example/" + name + ":1" }] },
                },
            },
        }, ns);
        await Server.Controllers.SettledAsync(Eventually.Bound);
        return job;
    }

    public async Task<V1Job> ReadJobAsync(string ns, string name) => await Admin.BatchV1.ReadNamespacedJobAsync(name, ns);

    /// <summary>The pods of the Job <paramref name="name"/> in <paramref name="phase"/>.</summary>
    public async Task<int> PodsAsync(string ns, string name, string phase) =>
        (await Admin.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"{ClusterControllers.JobNameLabel}={name}")).Items.Count(p => p.Status?.Phase == phase);

    /// <summary>Sets the clock, lets the controllers see the time, and waits for what they do.</summary>
    public async Task AtAsync(Instant at)
    {
        Server.Clock.SetTo(at);
        Server.Controllers.ScheduleTick();
        await Server.Controllers.SettledAsync(Eventually.Bound);
    }

    protected override EmulatorOptions Options() => new()
    {
        StartTime = SweeperSandbox.Noon,
        Speed = 0,
        ConfigureServices = services => services.AddSingleton(new ControllerOptions { JobRunTime = RunTime }),
    };

    protected override async Task StartedAsync() =>
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = WellKnown.Objects.Namespace } });
}

[CollectionDefinition("Jobs")]
public sealed class JobSandboxDefinition : ICollectionFixture<JobSandbox>;
