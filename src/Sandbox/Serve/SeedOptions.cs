using System.CommandLine;
using System.Globalization;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Sandbox.Serve;

/// <summary>
/// The <c>--seed-*</c> options of <c>sandbox serve</c>: a <see cref="ClusterShape"/> written into the store before the
/// server accepts requests. Without <c>--seed-namespaces</c> or <c>--seed-deployments</c> nothing is seeded.
/// </summary>
public static class SeedOptions
{
    public static Func<ParseResult, EmulatorOptions, EmulatorOptions> AddTo(Command serve)
    {
        ArgumentNullException.ThrowIfNull(serve);
        var defaults = new ClusterShape();
        var namespaces = Add(serve, "--seed-namespaces", "Workload namespaces to seed (team-0001…)", (int?)null);
        var deployments = Add(serve, "--seed-deployments", "Deployments to seed, spread over the namespaces", (int?)null);
        var zeroFraction = Add(serve, "--seed-zero-fraction", "Fraction of seeded Deployments and StatefulSets at zero replicas", defaults.ZeroFraction);
        var replicas = Add(serve, "--seed-replicas", "Replicas of each seeded workload that runs", defaults.RunningReplicas);
        var statefulSets = Add(serve, "--seed-statefulsets", "StatefulSets to seed", defaults.StatefulSets);
        var nodes = Add(serve, "--seed-nodes", "Emulated nodes (one DaemonSet pod each)", defaults.Nodes);
        var daemonSets = Add(serve, "--seed-daemonsets", "DaemonSets in kube-system", defaults.DaemonSets);
        var systemPods = Add(serve, "--seed-kube-system-pods", "Running kube-system Deployment pods", defaults.KubeSystemPods);
        var jobPods = Add(serve, "--seed-job-pods", "Succeeded pods of finished Jobs", defaults.FinishedJobPods);
        var cronJobs = Add(serve, "--seed-cronjobs", "CronJobs to seed (schedules */15 * * * *, 0 2 * * *, 30 6 * * 1-5 in turn)", defaults.CronJobs);
        var operated = Add(serve, "--seed-operator-owned", "Running Deployments owned by a custom resource", defaults.OperatorOwnedDeployments);
        var excluded = Add(serve, "--seed-excluded-namespace", "Add a namespace annotated tarnfui.io/exclude=true", defaults.ExcludedNamespace);
        var ownSchedule = Add(serve, "--seed-own-schedule", "Add a Deployment with this tarnfui.io/uptime annotation", (string?)null);
        var cpu = Add(serve, "--seed-cpu-request", "CPU request of every seeded container", defaults.CpuRequest);
        var memory = Add(serve, "--seed-memory-request", "Memory request of every seeded container", defaults.MemoryRequest);
        var seed = Add(serve, "--seed", "Random seed of the shape (which workloads run)", defaults.Seed);

        return (result, options) =>
        {
            if (result.GetValue(namespaces) is null && result.GetValue(deployments) is null)
            {
                return options;
            }

            var shape = new ClusterShape
            {
                Namespaces = result.GetValue(namespaces) ?? defaults.Namespaces,
                Deployments = result.GetValue(deployments) ?? defaults.Deployments,
                ZeroFraction = result.GetValue(zeroFraction),
                RunningReplicas = result.GetValue(replicas),
                StatefulSets = result.GetValue(statefulSets),
                Nodes = result.GetValue(nodes),
                DaemonSets = result.GetValue(daemonSets),
                KubeSystemPods = result.GetValue(systemPods),
                FinishedJobPods = result.GetValue(jobPods),
                CronJobs = result.GetValue(cronJobs),
                OperatorOwnedDeployments = result.GetValue(operated),
                ExcludedNamespace = result.GetValue(excluded),
                OwnScheduleUptime = result.GetValue(ownSchedule),
                CpuRequest = result.GetValue(cpu)!,
                MemoryRequest = result.GetValue(memory)!,
                Seed = result.GetValue(seed),
            };
            if (shape.Validate() is { } error)
            {
                throw new ArgumentException($"--seed-* options: {error}");
            }

            var previous = options.ConfigureApp;
            return options with
            {
                ConfigureApp = app =>
                {
                    previous?.Invoke(app);
                    var seeded = SeedBeforeStart(app.Services, shape);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"seeded {seeded.Namespaces} namespaces, {seeded.Workloads} workloads, {seeded.ReplicaSets} ReplicaSets, {seeded.Pods} pods in {seeded.Elapsed.TotalSeconds:F1} s"));
                },
            };
        };
    }

    /// <summary>Seeds a server that has not started yet: its controllers will skip the seeded objects when they subscribe.</summary>
    public static SeedResult SeedBeforeStart(IServiceProvider services, ClusterShape shape)
    {
        ArgumentNullException.ThrowIfNull(services);
        var controllers = services.GetRequiredService<ClusterControllers>();
        controllers.Nodes = ClusterSeeder.NodeNames(shape);
        using (controllers.SeedingScope())
        {
            return StoreSeeder.Seed(services.GetRequiredService<ObjectStore>(), shape, services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant());
        }
    }

    private static Option<T> Add<T>(Command command, string name, string description, T defaultValue)
    {
        var option = new Option<T>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        command.Add(option);
        return option;
    }
}
