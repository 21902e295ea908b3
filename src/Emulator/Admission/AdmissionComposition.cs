using Microsoft.Extensions.DependencyInjection.Extensions;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Emulator.Admission;

/// <summary>Registers webhook-calling admission in place of the API's pass-through.</summary>
public static class AdmissionComposition
{
    public static IServiceCollection AddWebhookAdmission(this IServiceCollection services)
    {
        services.AddSingleton(provider => new AdmissionOptions
        {
            Services = ServiceRoutes.From(provider.GetService<EmulatorOptions>()?.ServiceEndpoints),
        });
        services.AddSingleton<WebhookClient>();
        services.AddSingleton<IAdmissionSource, StoreAdmissionSource>();
        services.AddSingleton<MutatingAdmission>();
        services.Replace(ServiceDescriptor.Singleton<IAdmissionStep>(provider => provider.GetRequiredService<MutatingAdmission>()));
        return services;
    }
}
