using Tarnfui.Emulator.Accounting;

namespace Tarnfui.Emulator.Faults;

/// <summary>Fault injection: the <see cref="FaultInjector"/> singleton and its middleware.</summary>
public static class FaultComposition
{
    public static IServiceCollection AddFaultInjection(this IServiceCollection services, int seed = 0) => services.AddSingleton(new FaultInjector(seed));

    /// <summary>Put this after authentication, so rules can select a user.</summary>
    public static IApplicationBuilder UseFaultInjection(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var faults = app.ApplicationServices.GetRequiredService<FaultInjector>();
        Func<HttpContext, string> identify = context => context.User.Identity?.Name ?? AccountingComposition.Anonymous;
        return app.UseMiddleware<FaultMiddleware>(faults, identify);
    }
}
