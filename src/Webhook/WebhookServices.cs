using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Durations;
using Tarnfui.Core.Policy;
using Tarnfui.Kube;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Kube;
using Tarnfui.Webhook.Namespaces;
using Tarnfui.Webhook.Tls;

namespace Tarnfui.Webhook;

/// <summary>The webhook's services; a host may register its own IClock, IKubernetes or reader first.</summary>
internal static class WebhookServices
{
    public static IServiceCollection AddAdmission(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>()
            .BindConfigurationWithDurations(WebhookOptions.Section, static (configuration, options) => configuration.Bind(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
            return new AdmissionSettings(sp.GetRequiredService<PolicyResolver>(), options.ParsedMode, options.SweeperUsername, options.SuspendNewJobs);
        });
        // Refused requests are answered with problem details, which ASP.NET Core then writes with its own generated
        // JSON metadata: reflection-based serialisation is off (Tarnfui.Webhook.csproj).
        services.AddProblemDetails();
        services.TryAddSingleton<Metrics>();
        services.TryAddSingleton(new BodyBudget(AdmissionEndpoints.MaxInFlightBodyBytes));
        services.TryAddSingleton<IParentWorkloadReader, KubernetesParentWorkloadReader>();
        services.TryAddSingleton<AdmissionHandler>();
        return services;
    }

    /// <summary>The namespace cache, fed by a list + watch unless <c>Webhook:WatchNamespaces</c> is false.</summary>
    public static IServiceCollection AddNamespaceCache(this IServiceCollection services)
    {
        services.TryAddSingleton<Metrics>();
        services.TryAddSingleton<NamespaceCache>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value.WatchNamespaces
            ? ActivatorUtilities.CreateInstance<NamespaceWatcher>(sp)
            : new NoWatch(sp.GetRequiredService<NamespaceCache>()));
        return services;
    }

    public static IServiceCollection AddServingCertificate(this IServiceCollection services)
    {
        services.TryAddSingleton<Metrics>();
        services.TryAddSingleton<CertificateStore>();
        services.TryAddSingleton<ClientCaStore>();
        services.AddHostedService<CertificateReloader>();
        return services;
    }

    /// <summary>The client built from the kubeconfig (or in-cluster, <see cref="ClientConfiguration"/>) unless the host registered one.</summary>
    public static IServiceCollection AddKubernetesClient(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => ClientConfiguration.Load());
        services.TryAddSingleton<IKubernetes>(sp => new Kubernetes(ClusterCaTrust.Apply(sp.GetRequiredService<KubernetesClientConfiguration>())));
        return services;
    }

    // Without a watch the cache holds what the host puts in it; an empty cache is as synced as it will get.
    private sealed class NoWatch(NamespaceCache cache) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken)
        {
            if (!cache.HasSynced)
            {
                cache.Replace([]);
            }

            return Task.CompletedTask;
        }
    }
}
