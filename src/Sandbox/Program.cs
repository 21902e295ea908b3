using System.CommandLine;
using Tarnfui.Sandbox.Hosting;

// `sandbox serve`: the emulated cluster for kubectl; `demo` joins here later.
var root = new RootCommand("Tarnfui sandbox: an emulated Kubernetes API server")
{
    ServeCommand.Create(Tarnfui.Sandbox.Seeding.SeedOptions.AddTo),
};
return await root.Parse(args).InvokeAsync();
