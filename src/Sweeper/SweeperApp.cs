using Microsoft.Extensions.Logging.Console;
using Tarnfui.Sweeper.Hosting;

namespace Tarnfui.Sweeper;

/// <summary>
/// The sweeper as a composable application: <c>Program.cs</c> runs it, the Sandbox hosts it in-process with its
/// simulated clock and client configuration, tests and benchmarks drive single sweeps through it.
/// </summary>
internal static class SweeperApp
{
    /// <summary>
    /// A builder with the sweeper's configuration sources (appsettings, <c>TARNFUI_</c> environment, command line,
    /// where <c>--once</c> and <c>--dry-run</c> are switches) and services. Override services before <see cref="Build"/>.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // The slim builder leaves out what the sweeper's plain-HTTP probes and metrics do not use (IIS, HTTPS endpoints
        // from configuration, HTTP/3, regular expressions in routes, EventSource and debug logging): the native
        // executable keeps none of it, and its pages are part of the sweeper's resident memory.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [.. args.Select(Switch)] });
        builder.Configuration.AddEnvironmentVariables(prefix: "TARNFUI_");
        builder.Configuration.AddCommandLine([.. args.Select(Switch)]);
        // One JSON object per line, with the scopes (a sweep's lines carry its SweepId), for the cluster's log
        // collector; Logging:Console:FormatterName picks another of .NET's console formats (simple, for
        // a person at a terminal; systemd) instead.
        // (The slim builder names the simple format already, so the default is set unless configuration names one.)
        var formatter = builder.Configuration["Logging:Console:FormatterName"] ?? ConsoleFormatterNames.Json;
        builder.Logging.ClearProviders().AddConsole(o => o.FormatterName = formatter);
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
        });
        builder.Services.AddSweeper();
        if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
        {
            builder.WebHost.UseUrls("http://0.0.0.0:8080");
        }

        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.MapProbes();
        return app;
    }

    private static string Switch(string arg) => arg switch
    {
        "--once" => "--Sweeper:Once=true",
        "--dry-run" => "--Sweeper:DryRun=true",
        _ => arg,
    };
}
