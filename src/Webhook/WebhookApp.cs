using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Console;
using Tarnfui.Core;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Probes;
using Tarnfui.Webhook.Tls;

namespace Tarnfui.Webhook;

/// <summary>
/// The webhook's composition, public so that the Sandbox can host it in-process: call
/// <see cref="CreateBuilder"/>, override configuration and services (IClock, KubernetesClientConfiguration or
/// IKubernetes, ports, certificate paths), then <see cref="Build"/>.
/// </summary>
internal static class WebhookApp
{
    public const string EnvironmentPrefix = "TARNFUI_";

    // The host's own switch (hostBuilder:reloadConfigOnChange), given as the first argument so that later ones win.
    private const string ReadConfigurationOnce = "--hostBuilder:reloadConfigOnChange=false";

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // The slim builder leaves out what the webhook does not use (IIS, HTTPS endpoints from configuration, regular
        // expressions in routes, EventSource and debug logging): less to load at start, all of it fit for NativeAOT.
        // Kestrel's TLS is configured in code (WebhookPorts).
        // Configuration is read once: options are taken at start (IOptions), so reloading appsettings.json on change
        // would change nothing, while watching for it puts an inotify watch on every folder under the working directory
        // as the process starts. The command line may still turn it back on.
        var builder = WebApplication.CreateSlimBuilder([ReadConfigurationOnce, .. args]);
        // appsettings.json < TARNFUI_* environment < command line.
        builder.Configuration.AddEnvironmentVariables(prefix: EnvironmentPrefix);
        builder.Configuration.AddCommandLine(args);
        // One JSON object per line, with the scopes (a sweep's lines carry its SweepId), for the cluster's log
        // collector; Logging:Console:FormatterName picks another of .NET's console formats (simple, for
        // a person at a terminal; systemd) instead.
        // (The slim builder names the simple format already, so the default is set unless configuration names one.)
        var formatter = builder.Configuration["Logging:Console:FormatterName"] ?? ConsoleFormatterNames.Json;
        builder.Logging.ClearProviders().AddConsole(o => o.FormatterName = formatter);
        // ASP.NET Core writes two Information lines for every request (start and finish): for a webhook, a pair per
        // admission, most of what it would log and a share of its CPU per admission. Its warnings and errors stay;
        // Logging:LogLevel:Microsoft.AspNetCore in configuration brings the request lines back.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
        });

        builder.Services.AddTarnfuiCore();        // IClock, ScheduleOptions (validated), PolicyResolver
        builder.Services.AddKubernetesClient();   // default kubeconfig or in-cluster
        builder.Services.AddAdmission();          // WebhookOptions (validated), decision, parent reader
        builder.Services.AddNamespaceCache();     // list + watch of namespace annotations
        builder.Services.AddServingCertificate(); // PEM files, reloaded on change
        builder.WebHost.UseTarnfuiPorts();        // HTTPS for /mutate, plain HTTP for probes
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.UsePortSplit();
        app.MapAdmission();                       // POST /mutate
        app.MapProbes();                          // /healthz /readyz /metrics
        return app;
    }

    /// <summary>The bound addresses once started: the HTTPS one of <c>/mutate</c> and the plain one of the probes.</summary>
    public static (Uri Https, Uri Http) Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var https = addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal));
        var http = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal));
        return (new Uri(https), new Uri(http));
    }
}
