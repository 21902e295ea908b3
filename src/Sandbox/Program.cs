using System.CommandLine;
using Tarnfui.Sandbox.Demo;
using Tarnfui.Sandbox.Hosting;

// `sandbox serve`: the emulated cluster for kubectl; `sandbox demo`: a weekend played on it in seconds.
var root = new RootCommand("Tarnfui sandbox: an emulated Kubernetes API server")
{
    ServeCommand.Create(Tarnfui.Sandbox.Seeding.SeedOptions.AddTo),
    DemoCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
