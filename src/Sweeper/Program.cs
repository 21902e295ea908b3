using Tarnfui.Core.Configuration;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Scope;
using Tarnfui.Sweeper;
using Tarnfui.Sweeper.Configuration;
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
var app = SweeperApp.Build(builder);
await app.RunAsync();
return 0;
