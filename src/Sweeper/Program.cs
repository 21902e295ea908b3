using Microsoft.Extensions.DependencyInjection.Extensions;
using Tarnfui.Core.Configuration;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Scope;
using Tarnfui.Kube;
using Tarnfui.Sweeper;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Hosting;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Notifications;

if (ConfigurationHelp.IsRequested(args))
{
    ConfigurationHelp.Write(
        Console.Out,
        "tarnfui-sweeper",
        "stops idle Deployments and StatefulSets off-hours by walking running pods, and restores them when work starts",
        [("--once", "Run one sweep and exit"), ("--dry-run", "Plan, log and count; write nothing")],
        OptionsSection.Of<SweeperOptions>(SweeperOptions.Section),
        OptionsSection.Of<NotificationOptions>(NotificationOptions.Section),
        OptionsSection.Of<ScheduleOptions>(ScheduleOptions.Section),
        OptionsSection.Of<ScopeOptions>(ScopeOptions.Section),
        OptionsSection.Of<PolicyOptions>(PolicyOptions.Section));
    return 0;
}

// Before the first request: KubernetesClient serialises the sweeper's models through metadata generated for them
// alone, which is all the native build keeps.
SweeperJsonContext.UseForKubernetesClient();

// Configuration: appsettings.json, TARNFUI_ environment (TARNFUI_Sweeper__Interval), command line (--once,
// --dry-run, --Sweeper:Interval=1m); the Generic Host stops on SIGTERM, which the worker turns into "finish the
// write in flight, release the Lease".
var builder = SweeperApp.CreateBuilder(args);

// Before the host is built, so before any certificate chain is built: whether the process needs the machine's trust
// store at all depends on the API client's configuration and on the notification targets (Hosting/MachineStoreUse).
// What runs by then (the runtime's own threads, the configuration's file watcher) reads no environment through libc,
// which setting the store aside changes in place.
var kubernetes = ClientConfiguration.TryLoad();
var namedStore = MachineTrustStore.Named(Environment.GetEnvironmentVariable);
var storeSetAside = kubernetes is not null && MachineStoreUse.IsUnused(kubernetes, builder.Configuration) && MachineTrustStore.SetAside();
if (kubernetes is not null)
{
    // Read once: the API client is built from the configuration the trust store was decided on.
    builder.Services.Replace(ServiceDescriptor.Singleton(kubernetes));
}

var app = SweeperApp.Build(builder);
if (storeSetAside)
{
    var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MachineTrustStore).FullName!);
    Log.MachineTrustStoreSetAside(logger, MachineTrustStore.Empty, namedStore);
}

await app.RunAsync();
return 0;
