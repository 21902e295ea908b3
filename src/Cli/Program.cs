using NodaTime;
using Tarnfui.Cli;

// kubectl-tarnfui: a kubectl plugin (kubectl finds it by its file name). The commands live in CliApp.
return await CliApp.RunAsync(args, Console.Out, Console.Error, SystemClock.Instance);
