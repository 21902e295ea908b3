namespace Tarnfui.Emulator.Controllers;

/// <summary>The emulated controllers over the sandbox store; the server starts them once it listens.</summary>
public static class ControllerComposition
{
    public static IServiceCollection AddEmulatedControllers(this IServiceCollection services)
    {
        services.AddSingleton<ControllerOptions>();
        services.AddSingleton<IControllerStore, StoreControllerAdapter>();
        services.AddSingleton<ClusterControllers>();
        services.AddSingleton<AutoscalerController>();
        services.AddSingleton<KedaController>();
        return services;
    }
}
