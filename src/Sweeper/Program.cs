using Tarnfui.Sweeper;

// Configuration: appsettings.json, TARNFUI_ environment (TARNFUI_Sweeper__Interval), command line (--once,
// --dry-run, --Sweeper:Interval=1m); the Generic Host stops on SIGTERM, which the worker turns into "finish the
// write in flight, release the Lease".
var builder = SweeperApp.CreateBuilder(args);
var app = SweeperApp.Build(builder);
await app.RunAsync();
