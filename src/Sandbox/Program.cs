using System.CommandLine;
using Tarnfui.Sandbox.Demo;
using Tarnfui.Sandbox.Serve;

// `sandbox serve`: the emulated cluster for kubectl; `sandbox demo`: a weekend played on it in seconds.
var root = new RootCommand("Tarnfui sandbox: an emulated Kubernetes API server")
{
    ServeCommand.Create(SeedOptions.AddTo, Tarnfui.Sandbox.InProcess.HostedTarnfuiOptions.AddTo, DashboardServeOptions.AddTo),
    DemoCommand.Create(),
};
// SIGTERM cancels the command, which then stops the hosted sweeper (finishing its write, releasing its Lease), the
// webhook and the server; System.CommandLine's default of 2 s would cut that short with exit code 143.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
