namespace Tarnfui.Emulator.Accounting;

/// <summary>Request accounting: the <see cref="RequestStats"/> singleton, its middleware and its endpoints.</summary>
public static class AccountingComposition
{
    /// <summary>The name counted for a request that carried no identity (one rejected before authentication).</summary>
    public const string Anonymous = "system:anonymous";

    public static IServiceCollection AddRequestAccounting(this IServiceCollection services) => services.AddSingleton(new RequestStats());

    /// <summary>Put this first, so responses written by the outer error handling are counted as the client saw them.</summary>
    public static IApplicationBuilder UseRequestAccounting(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var stats = app.ApplicationServices.GetRequiredService<RequestStats>();
        Func<HttpContext, string> identify = context => context.User.Identity?.Name ?? Anonymous;
        return app.UseMiddleware<RequestAccountingMiddleware>(stats, identify);
    }
}
