using System.CommandLine;
using Tarnfui.Cli.Cluster;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>What one run of the plugin printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>Runs the cluster commands in-process, with their output captured and their environment given.</summary>
internal static class ClusterCli
{
    public static async Task<CliRun> RunAsync(ClusterEnvironment environment, params string[] args)
    {
        var root = new RootCommand("kubectl tarnfui");
        foreach (var command in ClusterCommands.Create(environment))
        {
            root.Subcommands.Add(command);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage errors exit 2, as kubectl's do.
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"error: {problem.Message}");
            }

            return new CliRun(2, output.ToString(), error.ToString());
        }

        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
