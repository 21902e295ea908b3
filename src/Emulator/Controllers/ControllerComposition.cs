namespace Tarnfui.Emulator.Controllers;

/// <summary>The emulated controllers over the sandbox store; the server starts them once it listens.</summary>
public static class ControllerComposition
{
    public static IServiceCollection AddEmulatedControllers(this IServiceCollection services)
    {
        // The served sandbox's clock runs on by itself, so schedules are checked every second of real time.
        services.AddSingleton(new ControllerOptions { ScheduleTickPeriod = TimeSpan.FromSeconds(1) });
        services.AddSingleton<IControllerStore, StoreControllerAdapter>();
        services.AddSingleton<ClusterControllers>();
        return services;
    }
}
