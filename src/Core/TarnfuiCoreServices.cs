using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core;

/// <summary>Composition of what every Tarnfui program shares.</summary>
public static class TarnfuiCoreServices
{
    /// <summary>
    /// Registers the clock (the system clock unless the host registered one first, as the Sandbox does with its
    /// simulated clock), <see cref="ScheduleOptions"/> bound to section <c>Schedule</c> and validated at start,
    /// <see cref="PolicyOptions"/> bound to section <c>Policy</c>, <see cref="GlobalPolicy"/> and <see cref="PolicyResolver"/>.
    /// </summary>
    public static IServiceCollection AddTarnfuiCore(this IServiceCollection services)
    {
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>());
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section);
        services.TryAddSingleton(sp => GlobalPolicy.Create(sp.GetRequiredService<IOptions<ScheduleOptions>>().Value, sp.GetRequiredService<IOptions<PolicyOptions>>().Value).Value);
        services.TryAddSingleton(sp => new PolicyResolver(sp.GetRequiredService<GlobalPolicy>()));
        return services;
    }
}
