using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tarnfui.Core;
using Tarnfui.Core.Durations;
using Tarnfui.Kube;
using Tarnfui.Sweeper.Acting;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Notifications;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Sweeping;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Hosting;

/// <summary>Composition of the sweeper's services.</summary>
internal static class SweeperServices
{
    /// <summary>
    /// Registers options (validated at start), the Kubernetes client with the rate-limiting, retrying and counting
    /// handler, the view, the planners' caches, the leadership fence, the actor (<c>--dry-run</c> swaps it) and the
    /// worker. A host registers its own <see cref="KubernetesClientConfiguration"/> (and NodaTime <c>IClock</c>) first to
    /// override the defaults, as the Sandbox does; the fence's monotonic clock is the registered <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddSweeper(this IServiceCollection services)
    {
        services.AddTarnfuiCore();
        services.AddOptions<SweeperOptions>()
            .BindConfigurationWithDurations(SweeperOptions.Section, static (configuration, options) => configuration.Bind(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SweeperOptions>, SweeperOptionsValidator>());
        services.AddOptions<NotificationOptions>()
            .BindConfigurationWithDurations(NotificationOptions.Section, static (configuration, options) => configuration.Bind(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton(_ => ClientConfiguration.Load());
        services.TryAddSingleton(sp => new SweeperIdentity(sp.GetRequiredService<IOptions<SweeperOptions>>().Value.Identity is { Length: > 0 } name ? name : Environment.MachineName));
        services.TryAddSingleton<Metrics>();
        services.TryAddSingleton<SweeperReadiness>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LeadershipFence>();
        services.TryAddSingleton<WatchSignals>();
        services.TryAddSingleton<KubeApiHandler>();
        services.TryAddSingleton<IKubernetes>(sp => new Kubernetes(sp.GetRequiredService<KubernetesClientConfiguration>(), sp.GetRequiredService<KubeApiHandler>()));
        services.TryAddSingleton<KubeApi>();
        services.TryAddSingleton<ServedApis>();
        services.TryAddSingleton<ScaledObjectView>();
        services.TryAddSingleton<ReadScope>();
        services.TryAddSingleton<KeptReads>();
        services.TryAddSingleton<RunningReplicaSets>();
        services.TryAddSingleton<ClusterView>();
        services.TryAddSingleton(sp => new OwnerCache(
            NodaTime.Duration.FromTimeSpan(sp.GetRequiredService<IOptions<SweeperOptions>>().Value.OwnerCacheMaxAge), sp.GetRequiredService<RunningReplicaSets>().Find));
        services.TryAddSingleton(sp => new EventRecorder(sp.GetRequiredService<KubeApi>(), sp.GetRequiredService<SweeperIdentity>().Name, sp.GetRequiredService<LeadershipFence>(), sp.GetRequiredService<ILogger<EventRecorder>>()));
        services.TryAddSingleton<KubeActor>();
        services.TryAddSingleton<DryRunActor>();
        services.TryAddSingleton<ISweepActor>(sp => sp.GetRequiredService<IOptions<SweeperOptions>>().Value.DryRun
            ? sp.GetRequiredService<DryRunActor>()
            : sp.GetRequiredService<KubeActor>());
        services.TryAddSingleton<WarningsOnce>();
        services.TryAddSingleton<WorkloadStopper>();
        services.TryAddSingleton<CopyStopRoute>();
        services.TryAddSingleton<ReadStopRoute>();
        services.TryAddSingleton<IStopRoute>(sp => sp.GetRequiredService<IOptions<SweeperOptions>>().Value.FastStop
            ? sp.GetRequiredService<CopyStopRoute>()
            : sp.GetRequiredService<ReadStopRoute>());
        services.TryAddSingleton<RestorePass>();
        services.TryAddSingleton<StopPass>();
        services.TryAddSingleton<SuspendPass>();
        services.TryAddSingleton<KubeAutoscalerWriter>();
        services.TryAddSingleton<DryRunAutoscalerWriter>();
        services.TryAddSingleton<IAutoscalerWriter>(sp => sp.GetRequiredService<IOptions<SweeperOptions>>().Value.DryRun
            ? sp.GetRequiredService<DryRunAutoscalerWriter>()
            : sp.GetRequiredService<KubeAutoscalerWriter>());
        services.TryAddSingleton<AutoscalerPass>();
        services.TryAddSingleton<KedaTargets>();
        services.TryAddSingleton<ScaledObjectPass>();
        services.TryAddSingleton<HeldDownGauges>();
        services.TryAddSingleton<NotificationRouting>();
        services.TryAddSingleton<SweepDigest>();
        services.TryAddSingleton<Notifier>();
        services.TryAddSingleton<SweepRunner>();
        services.TryAddSingleton<SweeperWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SweeperWorker>());
        return services;
    }
}
