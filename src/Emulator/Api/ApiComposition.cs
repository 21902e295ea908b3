using Microsoft.Extensions.DependencyInjection.Extensions;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Api.Discovery;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>Composition of the emulated API server: services, authentication middleware and endpoints.</summary>
public static class ApiComposition
{
    /// <summary>Registers the store, the token authentication and the pass-through admission (replaceable).</summary>
    public static IServiceCollection AddSandboxApi(this IServiceCollection services, ObjectStore store, Authentication authentication)
    {
        services.AddSingleton(store);
        services.AddSingleton(authentication);
        services.TryAddSingleton<IAdmissionStep, PassThroughAdmission>();
        return services;
    }

    /// <summary>
    /// Turns any <see cref="StatusException"/> into a Status body, then authenticates every request but the health
    /// probes (an unknown token is a 401 Status).
    /// </summary>
    public static IApplicationBuilder UseSandboxApi(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (StatusException e) when (!context.Response.HasStarted)
            {
                await ApiResponses.WriteStatusAsync(context, e);
            }
        })
        .Use(async (context, next) =>
        {
            var authentication = context.RequestServices.GetRequiredService<Authentication>();
            if (authentication.Authenticate(context) is null && !IsProbe(context.Request.Path))
            {
                await ApiResponses.WriteStatusAsync(context, Authentication.Unauthorized());
                return;
            }

            await next(context);
        });

    /// <summary>Discovery, OpenAPI, probes and the resource API.</summary>
    public static IEndpointRouteBuilder MapSandboxApi(this IEndpointRouteBuilder app)
    {
        app.MapDiscovery();
        app.MapOpenApi();
        app.MapResources();
        return app;
    }

    private static bool IsProbe(PathString path) =>
        path == "/healthz" || path == "/readyz" || path == "/livez";
}
