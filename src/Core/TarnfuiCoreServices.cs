using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Scope;

namespace Tarnfui.Core;

/// <summary>Composition of what every Tarnfui program shares.</summary>
public static class TarnfuiCoreServices
{
    /// <summary>
    /// Registers the clock (the system clock unless the host registered one first, as the Sandbox does with its
    /// simulated clock), <see cref="ScheduleOptions"/>, <see cref="ScopeOptions"/> and <see cref="PolicyOptions"/> bound to
    /// their sections and validated at start, <see cref="GlobalPolicy"/> and <see cref="PolicyResolver"/>.
    /// </summary>
    public static IServiceCollection AddTarnfuiCore(this IServiceCollection services)
    {
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>());
        services.AddOptions<ScopeOptions>().BindConfiguration(ScopeOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScopeOptions>, ScopeOptionsValidator>());
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidator>());
        services.TryAddSingleton(sp => GlobalPolicy.Create(
            sp.GetRequiredService<IOptions<ScheduleOptions>>().Value,
            sp.GetRequiredService<IOptions<ScopeOptions>>().Value,
            sp.GetRequiredService<IOptions<PolicyOptions>>().Value).Value);
        services.TryAddSingleton(sp => new PolicyResolver(sp.GetRequiredService<GlobalPolicy>()));
        return services;
    }
}
